-- SUBSTRING(s FROM i [FOR n]) counts characters from 1, as Flink: i = 0 starts at
-- the first character, a negative i counts from the end, past the end gives '', a
-- negative length gives NULL.  SUBSTRING(s, i, n) and SUBSTR are the same.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, SUBSTRING(s FROM 2 FOR 3) AS a, SUBSTRING(s FROM 7) AS b, SUBSTRING(s, 0, 2) AS c,
       SUBSTRING(s, -4, 2) AS d, '[' || SUBSTRING(s, 50) || ']' AS e, SUBSTRING(s, 1, -1) AS f,
       SUBSTR(s, 2) AS g, SUBSTRING(s FROM m FOR m) AS h
FROM t;
