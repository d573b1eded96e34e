-- LIMIT n stops after n rows (after WHERE).
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, name FROM t WHERE id > 1 LIMIT 2;
