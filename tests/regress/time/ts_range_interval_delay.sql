-- A watermark delay longer than the TIMESTAMP range is an SQL error at the literal.
CREATE SOURCE s (k VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '3652426' DAY)
WITH (connector = 'file', path = 'ts_range_win.csv', format = 'csv');
