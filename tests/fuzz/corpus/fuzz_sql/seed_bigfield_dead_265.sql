-- Bad records: 1 MiB fields: a good one (line 2) works; a 1 MiB number that is not one
-- (line 3) is shown cut to 100 bytes in the message.
-- on_error = 'dead_letter': the 1 MiB bad record goes to dead_letter.path
-- (/dev/null here, to keep the expected output small); it is counted.
CREATE SOURCE t (id VARCHAR, big VARCHAR, n BIGINT)
  WITH (connector = 'file', path = 'bigfield.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/null');
SELECT id, CHAR_LENGTH(big) AS len, n FROM t;
