-- A windowed SUM overflowing in its window (rows 2 and 8 of group b, in [10:00:00, 10:00:10))
-- stops the query with an error naming the aggregate; no window had fired yet.
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT window_start, g, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, g;
