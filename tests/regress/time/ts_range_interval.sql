-- An INTERVAL literal is at most the span of the TIMESTAMP range, 10,000 years of
-- 3652425 days: then a TIMESTAMP plus or minus one always fits 64 bits.  Longer ones are
-- SQL errors at the literal (the last query).  The longest works as a watermark delay
-- (the watermark never reaches a window end: every window fires at the end of the
-- input), as a window size (windows are aligned to the epoch, so the two that hold the
-- rows reach beyond years 0000..9999 on one side), as a session gap, and in arithmetic.
CREATE SOURCE s (k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3652425' DAY)
WITH (connector = 'file', path = 'ts_range_win.csv', format = 'csv');
SELECT k, TUMBLE_START(ts, INTERVAL '10' SECOND) AS ws, COUNT(*) AS c
FROM s GROUP BY k, TUMBLE(ts, INTERVAL '10' SECOND);
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), INTERVAL '3652425' DAY)) GROUP BY window_start, window_end;
SELECT k, COUNT(*) AS c FROM s GROUP BY k, SESSION(ts, INTERVAL '3652425' DAY);
SELECT k, ts - INTERVAL '2000000' DAY AS early FROM s WHERE ts > TIMESTAMP '5000-01-01 00:00:00';
SELECT k, COUNT(*) AS c FROM s GROUP BY k, TUMBLE(ts, INTERVAL '100000000000' DAY);
