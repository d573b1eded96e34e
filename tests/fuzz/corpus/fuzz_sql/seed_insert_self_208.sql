-- A job cannot write the table it reads (the file would be truncated first).
CREATE TABLE t (k VARCHAR, n INT)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
INSERT INTO t SELECT k, n FROM t;
