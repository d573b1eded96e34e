-- An unknown sink format is an SQL error.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'stdout', format = 'avro') AS SELECT id FROM tx;
