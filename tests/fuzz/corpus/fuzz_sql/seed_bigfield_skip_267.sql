-- Bad records: 1 MiB fields: a good one (line 2) works; a 1 MiB number that is not one
-- (line 3) is shown cut to 100 bytes in the message.
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, big VARCHAR, n BIGINT)
  WITH (connector = 'file', path = 'bigfield.csv', format = 'csv', on_error = 'skip');
SELECT id, CHAR_LENGTH(big) AS len, n FROM t;
