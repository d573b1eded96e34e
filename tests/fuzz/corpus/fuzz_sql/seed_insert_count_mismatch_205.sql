-- INSERT INTO with more columns than the table has: an SQL error.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE TABLE t (k VARCHAR, total DOUBLE)
  WITH (connector = 'file', path = 'written_never.csv', format = 'csv');
INSERT INTO t SELECT id, amount, n FROM tx;
