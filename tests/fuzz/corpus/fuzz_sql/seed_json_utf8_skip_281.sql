-- Bad records: JSON strings: invalid UTF-8 (line 2) and an escaped NUL (line 3) are malformed;
-- escapes and surrogate pairs decode (line 4).
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'json_utf8.jsonl', format = 'json', on_error = 'skip');
SELECT id, n FROM t;
