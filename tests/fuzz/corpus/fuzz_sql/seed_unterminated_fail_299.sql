-- Bad records: an unterminated quoted field (line 4): RFC 4180 lets a quoted field run over
-- line ends, so it takes the rest of the file (line 5 too) as one bad record.
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'unterminated.csv', format = 'csv', on_error = 'fail');
SELECT id, n FROM t;
