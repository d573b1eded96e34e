-- SUM over BIGINT reaching exactly BIGINT max (group a) and min (group c) is exact;
-- SUM over INT is a BIGINT (2 * INT max fits); AVG divides the exact sum.
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT g, SUM(v) AS s, SUM(n) AS sn, AVG(v) AS av, COUNT(*) AS c FROM t WHERE id IN (1, 3, 4, 5) GROUP BY g;
