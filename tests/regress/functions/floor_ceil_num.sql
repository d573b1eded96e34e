-- FLOOR / CEIL (CEILING) of numbers: DOUBLE stays DOUBLE, integers are unchanged.
-- CEIL(-0.5) is -0.0, as Java's Math.ceil (and Flink) print it.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, FLOOR(x) AS fx, CEIL(x) AS cx, CEILING(x) AS cx2, FLOOR(n) AS fn, CEIL(n) AS cn,
       FLOOR(-0.5) AS fneg, CEIL(-0.5) AS cneg
FROM t;
