-- A malformed record under on_error = 'fail' (the default): the error names the
-- source, file and line, column and value; exit 3.
CREATE SOURCE t (id VARCHAR, n INT)
WITH (connector = 'file', path = 'first_bad.csv', format = 'csv', on_error = 'fail');
SELECT id, n FROM t;
