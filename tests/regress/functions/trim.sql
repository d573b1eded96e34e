-- TRIM([BOTH|LEADING|TRAILING] [chars] FROM s): chars is a set of characters (Flink),
-- default a blank.  Brackets show the kept blanks.  NULL string or chars gives NULL.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, '[' || TRIM(s) || ']' AS t, '[' || TRIM(LEADING FROM s) || ']' AS l,
       '[' || TRIM(TRAILING FROM s) || ']' AS r, TRIM(BOTH 'Hd' FROM s) AS hd,
       TRIM(LEADING 'ü' FROM s) AS u, TRIM('el' FROM 'hello') AS lit, TRIM(NULL FROM s) AS tn,
       '[' || LTRIM(s) || ']' AS lt, '[' || RTRIM(s) || ']' AS rt
FROM t;
