-- [NOT] BETWEEN (inclusive bounds); NULL gives NULL.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, qty BETWEEN 3 AND 7 AS b, qty NOT BETWEEN 3 AND 7 AS nb FROM t;
