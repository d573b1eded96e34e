-- Quoted fields holding line ends, "" escapes and the delimiter are valid CSV
-- (RFC 4180) and come out whole.  Positions count physical lines: the bad
-- record after the two-line field is at line 4, not 3.  on_error = 'skip'.
CREATE SOURCE t (id VARCHAR, note VARCHAR, n INT)
  WITH (connector = 'file', path = 'multiline.csv', format = 'csv', on_error = 'skip');
SELECT id, note, n FROM t;
