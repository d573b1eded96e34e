-- A second CREATE SOURCE of the same name.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
CREATE SOURCE t (id VARCHAR) WITH (connector = 'file', path = 'e.csv');
