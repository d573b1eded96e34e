-- The same file under on_error = 'fail': the line of the bad record (4) counts
-- the lines of the quoted field before it.
CREATE SOURCE t (id VARCHAR, note VARCHAR, n INT)
  WITH (connector = 'file', path = 'multiline.csv', format = 'csv');
SELECT id, n FROM t;
