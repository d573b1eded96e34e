-- [NOT] IN (list) is a chain of = joined by OR: a match gives TRUE, else a NULL on
-- either side gives NULL (so NOT IN with a NULL in the list never gives TRUE).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, n IN (7, 0) AS i1, n NOT IN (7, 0) AS i2, n IN (1, NULL) AS i3, n NOT IN (1, NULL) AS i4,
       n IN (7, NULL) AS i5, s IN ('Hello World', 'x') AS i6, x IN (0.5, 2) AS i7
FROM t;
