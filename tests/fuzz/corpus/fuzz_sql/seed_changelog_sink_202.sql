-- A changelog (non-windowed GROUP BY) into sinks: the `op` column comes first,
-- both in CREATE SINK (csv) and INSERT INTO a table (json), whose declared
-- columns are the data columns only.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK per_id WITH (connector = 'file', path = 'written_changelog.csv', format = 'csv') AS
  SELECT id, SUM(amount) AS total FROM tx GROUP BY id;
CREATE SOURCE back (op VARCHAR, id VARCHAR, total DOUBLE)
  WITH (connector = 'file', path = 'written_changelog.csv', format = 'csv');
SELECT * FROM back;
DESCRIBE per_id;
CREATE TABLE counts (k VARCHAR, c BIGINT)
  WITH (connector = 'file', path = 'written_changelog.jsonl', format = 'json');
INSERT INTO counts SELECT id, COUNT(n) FROM tx GROUP BY id HAVING COUNT(n) > 0;
CREATE SOURCE back2 (op VARCHAR, k VARCHAR, c BIGINT)
  WITH (connector = 'file', path = 'written_changelog.jsonl', format = 'json');
SELECT * FROM back2;
