-- INSERT INTO with a column whose type does not widen to the table's (DOUBLE
-- into INT): an SQL error naming the column and both types; nothing is written.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE TABLE t (k VARCHAR, total INT)
  WITH (connector = 'file', path = 'written_never.csv', format = 'csv');
INSERT INTO t SELECT id, amount FROM tx;
