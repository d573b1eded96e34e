-- Bad records: CRLF line ends: no value keeps the CR; the bad record is at line 3.
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'crlf.csv', format = 'csv', on_error = 'skip');
SELECT id, n, CHAR_LENGTH(id) AS len FROM t;
