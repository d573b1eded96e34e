-- Bad records: numbers that are not: "x", "12..5", and 9999999999 for an INT (lines 3, 5, 6).
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT, amount DOUBLE)
  WITH (connector = 'file', path = 'number.csv', format = 'csv', on_error = 'skip');
SELECT id, n, amount FROM t;
