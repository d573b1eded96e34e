-- Only tables take INSERT INTO.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE VIEW v AS SELECT id FROM tx;
INSERT INTO v SELECT id FROM tx;
