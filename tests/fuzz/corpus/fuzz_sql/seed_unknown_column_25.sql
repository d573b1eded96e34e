-- An unknown column, with a suggestion of the closest name.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, amout FROM t;
