-- CAST from text follows Flink: blanks around the value are ignored; an integer may
-- carry a fraction that is dropped ('-7.9' -> -7); BOOLEAN reads true/false, t/f, yes/no,
-- y/n, 1/0 in any case; DOUBLE reads Java's forms (1e3, NaN, -Infinity); TIMESTAMP reads
-- 'yyyy-MM-dd[ HH:mm:ss[.fff]]'.  CAST(NULL AS t) is a typed NULL.  CAST(x AS VARCHAR(n)) keeps
-- the first n characters (Flink 1.15+).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, CAST(' 42 ' AS INT) AS i, CAST('-7.9' AS BIGINT) AS bi, CAST('+5' AS INTEGER) AS plus,
       CAST('1e3' AS DOUBLE) AS d, CAST('NaN' AS DOUBLE) AS nan, CAST('-Infinity' AS FLOAT) AS ninf,
       CAST('yes' AS BOOLEAN) AS y, CAST('F' AS BOOLEAN) AS f, CAST('1' AS BOOLEAN) AS one,
       CAST('2024-05-11' AS TIMESTAMP) AS d_only, CAST('2024-05-11 10:23:45.6' AS TIMESTAMP) AS frac,
       CAST(NULL AS INT) AS ni, CAST(s AS VARCHAR(3)) AS v3,
       CAST(3.99 AS VARCHAR(2)) AS v2
FROM t WHERE id = 1;
