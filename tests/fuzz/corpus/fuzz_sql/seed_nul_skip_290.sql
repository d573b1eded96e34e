-- Bad records: NUL bytes: in a VARCHAR (line 3) and after a number (line 4).
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'nul.csv', format = 'csv', on_error = 'skip');
SELECT id, n FROM t;
