-- Bad records: a record with too few or too many fields (lines 3 and 4).
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'fields.csv', format = 'csv', on_error = 'skip');
SELECT id, n FROM t;
