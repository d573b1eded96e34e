-- AVG over BIGINT never wraps: when the exact sum would pass BIGINT it goes on as a DOUBLE
-- (group d: (max + max) / 2, not the wrapped -1.0; group b: (max + 1) / 2).
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT g, AVG(v) AS av, COUNT(*) AS c FROM t WHERE g IN ('b', 'd') GROUP BY g;
