-- Bad records: CRLF line ends: no value keeps the CR; the bad record is at line 3.
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'crlf.csv', format = 'csv', on_error = 'fail');
SELECT id, n, CHAR_LENGTH(id) AS len FROM t;
