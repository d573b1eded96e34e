-- A file sink needs a path: an SQL error before anything runs or is stored.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'file', format = 'csv') AS SELECT id FROM tx;
