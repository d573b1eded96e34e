-- A windowed aggregate (TUMBLE, event time) into a JSON file sink, read back.
-- Each window is written once, when it fires, ordered by window end then key.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR,
                  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK per_window WITH (connector = 'file', path = 'written_window.jsonl', format = 'json') AS
  SELECT window_start, window_end, id, SUM(amount) AS total, COUNT(*) AS c
  FROM TABLE(TUMBLE(TABLE tx, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, id;
CREATE SOURCE back (window_start TIMESTAMP(3), window_end TIMESTAMP(3), id VARCHAR, total DOUBLE, c BIGINT)
  WITH (connector = 'file', path = 'written_window.jsonl', format = 'json');
SELECT * FROM back;
