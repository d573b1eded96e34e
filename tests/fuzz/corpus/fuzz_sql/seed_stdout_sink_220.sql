-- The stdout sink writes the sink's text (CSV with a header, or JSON lines) to
-- standard output, in order with the results of the statements around it.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
SELECT 'before' AS marker FROM tx LIMIT 1;
CREATE SINK s_csv WITH (connector = 'stdout', format = 'csv') AS SELECT id, amount, note FROM tx WHERE n >= 2;
CREATE SINK s_json WITH (connector = 'stdout', format = 'json') AS SELECT id, ts, n FROM tx WHERE id = 'a';
SELECT 'after' AS marker FROM tx LIMIT 1;
