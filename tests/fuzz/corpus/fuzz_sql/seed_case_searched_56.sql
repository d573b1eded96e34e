-- Searched CASE: the first WHEN that holds; NULL conditions do not hold.
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id,
       CASE WHEN qty IS NULL THEN 'none' WHEN qty > 5 THEN 'many' ELSE 'few' END AS amount,
       CASE WHEN price > 1 THEN price END AS dear
FROM t;
