-- Bad records: impossible timestamps: February 30, hour 25, month 13 (lines 3-5); February 29 2024 is fine.
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
  WITH (connector = 'file', path = 'timestamp.csv', format = 'csv', on_error = 'fail');
SELECT id, ts FROM t;
