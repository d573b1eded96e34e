-- Bad records: 1 MiB fields: a good one (line 2) works; a 1 MiB number that is not one
-- (line 3) is shown cut to 100 bytes in the message.
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, big VARCHAR, n BIGINT)
  WITH (connector = 'file', path = 'bigfield.csv', format = 'csv', on_error = 'fail');
SELECT id, CHAR_LENGTH(big) AS len, n FROM t;
