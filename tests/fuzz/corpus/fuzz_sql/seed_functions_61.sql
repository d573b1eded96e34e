-- Scalar functions implemented today: UPPER, LOWER, CHAR_LENGTH, ||, CONCAT, ABS,
-- TO_TIMESTAMP_LTZ(ms, 3); INT / INT is an INT division truncating toward zero (Flink).
CREATE SOURCE t (s VARCHAR, p VARCHAR, x DOUBLE, n INT, ts TIMESTAMP)
WITH (connector = 'file', path = 'fn.csv', format = 'csv');
SELECT UPPER(s) AS u, LOWER(s) AS l, CHAR_LENGTH(p) AS len, s || '!' AS bang,
       CONCAT(s, '-', s) AS cc, ABS(x) AS a, n / 2 AS half,
       TO_TIMESTAMP_LTZ(1715421601500, 3) AS ltz
FROM t;
