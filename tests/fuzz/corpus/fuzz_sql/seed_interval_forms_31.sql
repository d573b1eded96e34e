-- Both INTERVAL forms, several units: '10' SECOND = '10 seconds', '1' HOUR = '1 hour',
-- '60' MINUTES = '1 hour' in windows; '500' MILLISECOND in the watermark.
CREATE SOURCE t (ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND)
WITH (connector = 'file', path = 'iv.csv', format = 'csv');
SELECT TUMBLE_START(ts, INTERVAL '1 hour') AS h, SUM(v) AS s
FROM t GROUP BY TUMBLE(ts, INTERVAL '1 hour');
SELECT TUMBLE_START(ts, INTERVAL '60' MINUTES) AS h, SUM(v) AS s
FROM t GROUP BY TUMBLE(ts, INTERVAL '60' MINUTES);
SELECT window_start, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10 seconds'))
GROUP BY window_start, window_end;
SELECT window_start, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' DAY))
GROUP BY window_start, window_end;
