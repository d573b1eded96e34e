-- [NOT] LIKE with % and _.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT name, name LIKE 'a%' AS l1, name LIKE '%e%' AS l2, name LIKE '_a%' AS l3,
       name NOT LIKE '%rr%' AS l4
FROM t;
