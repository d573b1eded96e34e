-- No implicit conversion from VARCHAR to TIMESTAMP (nor narrowing BIGINT to
-- INT): the error points at the query's column.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE TABLE t (k VARCHAR, at TIMESTAMP(3))
  WITH (connector = 'file', path = 'written_never.csv', format = 'csv');
INSERT INTO t SELECT id,
  note FROM tx;
