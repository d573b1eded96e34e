-- A syntax error stops the script where it is, as in sqlite3 and psql: the
-- statements before it run (the first SELECT prints), the error is reported
-- with its position, and nothing after it runs (the last SELECT does not).
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE, n INT)
WITH (connector = 'file', path = 'stops.csv', format = 'csv');
SELECT id FROM t WHERE n = 1;
SELECT id FROM t WHERE;
SELECT amount FROM t;
