-- [NOT] IN (list); NULL NOT IN (...) is NULL.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, name IN ('apple', 'date') AS i1, qty NOT IN (0, 12) AS i2, id IN (2, 4, 99) AS i3 FROM t;
