-- A file that does not exist is no bad record: on_error = 'skip' does not
-- apply and the run fails with exit 3, naming the source and the path.
CREATE SOURCE t (id VARCHAR)
  WITH (connector = 'file', path = 'no_such.csv', format = 'csv', on_error = 'skip');
SELECT id FROM t;
