-- SELECT * keeps the declared columns and their order.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT * FROM t WHERE id <= 2;
