-- Bad records: an unterminated quoted field (line 4): RFC 4180 lets a quoted field run over
-- line ends, so it takes the rest of the file (line 5 too) as one bad record.
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'unterminated.csv', format = 'csv', on_error = 'skip');
SELECT id, n FROM t;
