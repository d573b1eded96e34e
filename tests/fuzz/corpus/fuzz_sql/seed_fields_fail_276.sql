-- Bad records: a record with too few or too many fields (lines 3 and 4).
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'fields.csv', format = 'csv', on_error = 'fail');
SELECT id, n FROM t;
