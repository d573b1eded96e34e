-- Several statements: the first error (an unknown column in the first SELECT)
-- stops the file; the second SELECT, which would print rows, never runs, so
-- there is no output at all.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE, n INT)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT idd FROM t;
SELECT 1 AS one FROM t;
