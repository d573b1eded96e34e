-- Bad records: JSON lines that are not objects (an array, a string, a number, null: lines
-- 2-5), invalid JSON (line 7) and a bad value (line 8).
-- on_error = 'fail' (the default): exit 3 at the first bad record; the message
-- names the source, file:line, column and value. Rows before it are out.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'notobject.jsonl', format = 'json', on_error = 'fail');
SELECT id, n FROM t;
