-- A file sink in JSON lines: one object a row, values typed (numbers, strings
-- with escapes, null, booleans, TIMESTAMP as a string).  Read back twice: as
-- typed columns, and as raw lines.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK j WITH (connector = 'file', path = 'written_file_json.jsonl', format = 'json') AS
  SELECT id, ts, amount, n, note, n > 1 AS more, CAST(NULL AS VARCHAR) AS nothing FROM tx;
CREATE SOURCE back (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR, more BOOLEAN, nothing VARCHAR)
  WITH (connector = 'file', path = 'written_file_json.jsonl', format = 'json');
SELECT * FROM back;
CREATE SOURCE raw (line VARCHAR)
  WITH (connector = 'file', path = 'written_file_json.jsonl', format = 'csv', csv.header = 'false', csv.delimiter = '|');
SELECT line FROM raw;
