-- tumble_count_sum.sql - the tumbling-window benchmark query (bench/README.md).
-- Per key, COUNT and SUM over 10-second event-time windows, fired by a
-- watermark one second behind the largest timestamp.  bench/run.sh copies
-- this file beside the data it generates, so `events.csv` (resolved against
-- this file's directory) is that data; bench/limit_tumble.c does the same
-- work by hand and must print the same bytes.
CREATE SOURCE ev (k VARCHAR, ts TIMESTAMP, v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'events.csv', format = 'csv');
SELECT window_start, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
