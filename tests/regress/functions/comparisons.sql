-- = <> < <= > >= on numbers (INT with DOUBLE), strings (bytewise), timestamps
-- (against a literal) and booleans; any NULL side gives NULL (an empty field).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, n = 7 AS eq, n <> 7 AS ne, x < 1 AS lt, x <= 0.5 AS le, n > x AS gt, n >= m AS ge,
       s < 'Z' AS slt, s = 'Hello World' AS seq, ts > '2024-06-01 00:00:00' AS tgt,
       b = TRUE AS beq, n = NULL AS eq_null
FROM t;
