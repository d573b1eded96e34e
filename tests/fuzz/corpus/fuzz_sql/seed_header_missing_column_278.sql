-- A header that lacks a declared column: the file is unusable, so the run
-- fails (exit 3) even under on_error = 'skip', naming the column.
CREATE SOURCE t (id VARCHAR, amount DOUBLE)
  WITH (connector = 'file', path = 'fields.csv', format = 'csv', on_error = 'skip');
SELECT id FROM t;
