-- Bad records: VARCHARs that are not valid UTF-8 (a stray 0xFF, an overlong form, a cut
-- sequence, a UTF-16 surrogate: lines 4-7) are malformed; good multi-byte text passes.
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'utf8.csv', format = 'csv', on_error = 'fail');
SELECT id, n FROM t;
