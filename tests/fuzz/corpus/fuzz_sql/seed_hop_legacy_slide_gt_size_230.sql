-- A group-window HOP whose slide is larger than its size: the caret is at the
-- slide.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, COUNT(*) AS c FROM t GROUP BY id, HOP(ts, INTERVAL '10' SECOND, INTERVAL '5' SECOND);
