-- Early firing (EMIT AFTER DELAY, EMIT EVERY n ROWS) is phase 2: a clear error
-- at EMIT that says what windows do instead.
CREATE SOURCE w (k VARCHAR, ts TIMESTAMP(3), v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'emit_w.csv', format = 'csv');
SELECT k, COUNT(*) AS c FROM w GROUP BY k, TUMBLE(ts, INTERVAL '10' SECOND)
EMIT AFTER DELAY INTERVAL '1' SECOND;
