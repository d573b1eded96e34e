-- Literals: integers, decimals, exponents, strings with '' escapes, booleans, NULL,
-- TIMESTAMP literals with and without milliseconds.
CREATE SOURCE t (`key` VARCHAR)
WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT 42 AS i, 8000.5 AS d, 1e3 AS e, 'it''s' AS s, TRUE AS t, FALSE AS f,
       CAST(NULL AS INT) AS n,
       TIMESTAMP '2024-05-11 10:00:00' AS ts1, TIMESTAMP '2024-05-11 10:00:00.123' AS ts2
FROM t WHERE `key` = 'k1';
