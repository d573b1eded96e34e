-- A file is parsed whole before anything runs: a syntax error in its third
-- statement means the first SELECT (valid, would print) does not run either.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE, n INT)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id FROM t WHERE n = 1;
SELECT id FROM t WHERE;
