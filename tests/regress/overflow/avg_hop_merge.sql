-- AVG over BIGINT across HOP slices: merging exact sums that together pass BIGINT gives
-- the DOUBLE average, not a wrapped one.
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT window_start, g, AVG(v) AS av, COUNT(*) AS c
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
WHERE g = 'b'
GROUP BY window_start, window_end, g;
