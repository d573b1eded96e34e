-- CAST between INT, DOUBLE, VARCHAR and TIMESTAMP; DOUBLE to INT truncates (as Flink).
CREATE SOURCE t (id INT, name VARCHAR, price DOUBLE, qty INT)
WITH (connector = 'file', path = 'st.csv', format = 'csv');

SELECT id, CAST(qty AS DOUBLE) AS qd, CAST(id AS VARCHAR) || '-' || name AS tag,
       CAST(price AS INT) AS pi, CAST('42' AS INT) + 1 AS n,
       CAST('2024-05-11 10:00:00' AS TIMESTAMP) AS ts
FROM t;
