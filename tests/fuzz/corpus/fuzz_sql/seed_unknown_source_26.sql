-- A FROM naming no source or view.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id FROM transactions;
