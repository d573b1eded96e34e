-- COALESCE returns its first non-NULL argument (NULL when all are NULL); the common
-- type of INT and DOUBLE is DOUBLE.  NULLIF(a, b) is NULL when a = b, else a.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, COALESCE(s, 'none') AS c1, COALESCE(n, m, -1) AS c2, COALESCE(NULL, x) AS c3,
       COALESCE(n, x) AS c4, NULLIF(n, 0) AS n1, NULLIF(s, 'Hello World') AS n2, NULLIF(x, NULL) AS n3
FROM t;
