-- A file sink in CSV: a header row, then one record a row (RFC 4180 quoting,
-- NULL as an empty field, DOUBLE with .0, TIMESTAMP with milliseconds).  A
-- source over the written file reads it back, so the output shows its content.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK big WITH (connector = 'file', path = 'written_file_csv.csv', format = 'csv') AS
  SELECT id, amount * 2 AS dbl, ts, n, note, amount > 5 AS large FROM tx WHERE amount > 2;
CREATE SOURCE back (id VARCHAR, dbl DOUBLE, ts TIMESTAMP(3), n INT, note VARCHAR, large BOOLEAN)
  WITH (connector = 'file', path = 'written_file_csv.csv', format = 'csv');
SELECT * FROM back;
-- the header names the columns, in order
CREATE SOURCE raw (line VARCHAR)
  WITH (connector = 'file', path = 'written_file_csv.csv', format = 'csv', csv.header = 'false', csv.delimiter = '|');
SELECT line FROM raw;
