-- A path that cannot be read as a file (here a directory): exit 3, whatever
-- on_error says.
CREATE SOURCE t (id VARCHAR)
  WITH (connector = 'file', path = '.', format = 'csv', on_error = 'dead_letter',
        dead_letter.path = '/dev/stderr');
SELECT id FROM t;
