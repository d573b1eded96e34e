-- HOP keeps 5-second slices: group b's slices [10:00:00, :05) = max and [:05, :10) = 1 each fit,
-- but merging them for the window [10:00:00, 10:00:10) would not: an error naming the
-- aggregate when that window fires (the earlier window [09:59:55, 10:00:05) is exact).
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT window_start, g, SUM(v) AS s
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
WHERE g = 'b'
GROUP BY window_start, window_end, g;
