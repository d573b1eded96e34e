-- An unknown sink connector is an SQL error.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'jdbc', url = 'x') AS SELECT id FROM tx;
