-- Comparisons and AND/OR/NOT with SQL three-valued logic (NULL is an empty field).
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, qty > 5 AS gt, price = 2.0 AS eq, qty <> 0 AS ne,
       qty >= 7 AND price < 5 AS a1, qty > 100 AND price > 0 AS a2,
       qty >= 7 OR price < 5 AS o1, qty > 100 OR price > 100 AS o2,
       NOT (qty > 5) AS n
FROM t;
