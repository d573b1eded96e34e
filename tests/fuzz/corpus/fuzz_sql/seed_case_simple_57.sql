-- Simple CASE x WHEN v THEN ...; no ELSE gives NULL.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS word,
       CASE qty WHEN 0 THEN 'zero' ELSE 'some' END AS z
FROM t;
