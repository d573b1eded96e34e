-- Bad records: numbers that are not: "x", "12..5", and 9999999999 for an INT (lines 3, 5, 6).
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT, amount DOUBLE)
  WITH (connector = 'file', path = 'number.csv', format = 'csv', on_error = 'fail');
SELECT id, n, amount FROM t;
