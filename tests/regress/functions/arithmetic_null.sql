-- + - * / % and unary minus; NULL in gives NULL out.  INT / INT truncates toward
-- zero (Flink).  INT op INT is computed in 64 bits and typed BIGINT (weir stores INT as
-- int64; Flink would wrap at 32 bits on overflow, which these values never reach).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, n + m AS a, n - m AS s, n * m AS p, n / m AS q, n % m AS r, -n AS neg,
       n + x AS mixed, x / m AS dq, n + NULL AS plus_null
FROM t;
