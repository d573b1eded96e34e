-- A data file that does not exist: a runtime error, exit 3.
CREATE SOURCE t (id VARCHAR) WITH (connector = 'file', path = 'no_such_file.csv', format = 'csv');
SELECT id FROM t;
