-- || and CONCAT: NULL if any argument is NULL (Flink).  Non-string arguments are
-- converted to their text form (weir accepts what Flink would reject).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, s || '!' AS bang, CONCAT(s, '-', p) AS c3, CONCAT(n, '/', x) AS nums, s || NULL AS cn,
       CONCAT('a', NULL, 'b') AS c_null, '' || s AS empty
FROM t;
