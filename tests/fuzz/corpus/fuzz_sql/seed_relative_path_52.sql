-- A relative path resolves against the directory of the .sql file.
CREATE SOURCE t (x INT) WITH (connector = 'file', path = 'data/sub.csv', format = 'csv');
SELECT x * 6 AS y FROM t;
