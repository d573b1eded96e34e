-- ABS and ROUND keep the argument's type.  ROUND rounds half away from zero on the
-- decimal value Flink sees (BigDecimal.valueOf): ROUND(2.675, 2) = 2.68 although the double
-- 2.675 lies just below.  Negative places round left of the point; integers stay integers.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, ABS(n) AS an, ABS(x) AS ax, ROUND(x) AS r0, ROUND(x, 2) AS r2, ROUND(x, 1) AS r1,
       ROUND(n, -1) AS rn, ROUND(n) AS rn0, ROUND(1234.5678, -2) AS rneg, ROUND(x, m) AS rcol,
       ROUND(1.0E20, 2) AS big
FROM t;
