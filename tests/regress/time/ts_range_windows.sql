-- Windows over the edge values with a watermark: the first windows start at
-- 0000-01-01 00:00:00.000 (the watermark ts - 1 s lies before it, which is fine), the
-- last ones contain 9999-12-31 23:59:59.999, so their exclusive end is
-- 10000-01-01 00:00:00.000 (printed with its five-digit year; it fires at the end of
-- the input).  No arithmetic overflows (the ASan/UBSan build runs this case too).
CREATE SOURCE s (k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'ts_range_win.csv', format = 'csv');
SELECT k, window_start, window_end, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end;
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(HOP(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(CUMULATE(TABLE s, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end;
SELECT k, SESSION_START(ts, INTERVAL '10' SECOND) AS ss, SESSION_END(ts, INTERVAL '10' SECOND) AS se,
       COUNT(*) AS c
FROM s GROUP BY k, SESSION(ts, INTERVAL '10' SECOND);
