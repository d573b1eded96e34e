-- EMIT ON WINDOW CLOSE on a query without a window (a non-windowed GROUP BY,
-- a changelog) is an error at EMIT: there is no window to close.
CREATE SOURCE w (k VARCHAR, ts TIMESTAMP(3), v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'emit_w.csv', format = 'csv');
SELECT k, COUNT(*) AS c FROM w GROUP BY k
EMIT ON WINDOW CLOSE;
