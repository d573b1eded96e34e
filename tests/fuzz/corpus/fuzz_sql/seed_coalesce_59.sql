-- COALESCE: the first non-NULL argument.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, COALESCE(price, 0.0) AS p, COALESCE(qty, id, -1) AS q FROM t;
