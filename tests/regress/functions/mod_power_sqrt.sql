-- MOD takes the dividend's sign (Java %); INT with INT is an integer, a DOUBLE makes it
-- DOUBLE.  POWER and SQRT return DOUBLE; SQRT of a negative number is NaN (Java Math.sqrt).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, MOD(n, m) AS md, MOD(n, 3) AS m3, MOD(x, 2) AS mx, POWER(n, 2) AS p2, POWER(x, m) AS pxm,
       POWER(2, -1) AS half, SQRT(x) AS sq, SQRT(n) AS sqn
FROM t;
