-- The sink's file cannot be created (its directory does not exist): a runtime
-- I/O error, exit 3.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'file', path = 'no_such_dir/written.csv') AS SELECT id FROM tx;
