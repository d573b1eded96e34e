-- CAST of row values between BOOLEAN, INT, BIGINT, DOUBLE, VARCHAR and TIMESTAMP.
-- DOUBLE -> INT truncates toward zero; BOOLEAN -> VARCHAR is 'TRUE'/'FALSE' (Flink's cast;
-- a BOOLEAN column itself prints true/false); a number -> BOOLEAN is TRUE unless 0.
-- weir extension: BIGINT <-> TIMESTAMP is epoch milliseconds (Flink has no such cast).
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, CAST(n AS DOUBLE) AS nd, CAST(x AS INT) AS xi, CAST(x AS BIGINT) AS xb,
       CAST(n AS VARCHAR) AS ns, CAST(x AS STRING) AS xs, CAST(b AS VARCHAR) AS bs, CAST(b AS INT) AS bi,
       CAST(b AS DOUBLE) AS bd, CAST(n AS BOOLEAN) AS nb, CAST(x AS BOOLEAN) AS xbool,
       CAST(ts AS VARCHAR) AS tsv, CAST(CAST(ts AS VARCHAR) AS TIMESTAMP(3)) AS tsr,
       CAST(ts AS BIGINT) AS tms, CAST(CAST(ts AS BIGINT) + 1 AS TIMESTAMP) AS tplus
FROM t;
