-- A data error (exit 3) in the first SELECT stops the file: the second SELECT
-- does not run.  The rows the first one emitted before the bad record are out.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE, n INT)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, n FROM t;
SELECT 'never' AS x FROM t;
