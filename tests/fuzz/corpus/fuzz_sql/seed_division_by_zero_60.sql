-- Integer division by zero is a runtime error (exit 3) naming the input line;
-- DOUBLE division by zero gives Infinity.
CREATE SOURCE t (s VARCHAR, p VARCHAR, x DOUBLE, n INT, ts TIMESTAMP)
WITH (connector = 'file', path = 'fn.csv', format = 'csv');
SELECT x / 0 AS inf FROM t;
SELECT n / 0 AS boom FROM t;
