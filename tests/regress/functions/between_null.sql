-- [NOT] BETWEEN is a >= lo AND a <= hi, three-valued: a NULL bound gives NULL
-- unless the other comparison is already FALSE.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, n BETWEEN -1 AND 7 AS b1, n NOT BETWEEN -1 AND 7 AS b2, x BETWEEN 0 AND 1 AS b3,
       n BETWEEN NULL AND 5 AS b4, n BETWEEN 1 AND NULL AS b5,
       ts BETWEEN '2024-01-01 00:00:00' AND '2024-06-30 23:59:59' AS b6
FROM t;
