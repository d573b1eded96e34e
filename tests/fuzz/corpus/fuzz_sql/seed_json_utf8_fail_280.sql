-- Bad records: JSON strings: invalid UTF-8 (line 2) and an escaped NUL (line 3) are malformed;
-- escapes and surrogate pairs decode (line 4).
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'json_utf8.jsonl', format = 'json', on_error = 'fail');
SELECT id, n FROM t;
