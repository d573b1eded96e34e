-- INSERT INTO a table that does not exist.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
INSERT INTO nowhere SELECT id FROM tx;
