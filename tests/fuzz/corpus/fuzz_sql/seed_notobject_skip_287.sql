-- Bad records: JSON lines that are not objects (an array, a string, a number, null: lines
-- 2-5), invalid JSON (line 7) and a bad value (line 8).
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'notobject.jsonl', format = 'json', on_error = 'skip');
SELECT id, n FROM t;
