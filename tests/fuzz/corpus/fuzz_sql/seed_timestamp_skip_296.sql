-- Bad records: impossible timestamps: February 30, hour 25, month 13 (lines 3-5); February 29 2024 is fine.
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
  WITH (connector = 'file', path = 'timestamp.csv', format = 'csv', on_error = 'skip');
SELECT id, ts FROM t;
