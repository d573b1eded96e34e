-- An empty CSV field in an INT, DOUBLE, TIMESTAMP or BOOLEAN column is NULL.
CREATE SOURCE t (id VARCHAR, n INT, d DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'empty.csv', format = 'csv');
SELECT id, n IS NULL AS nn, d IS NULL AS dn, ts IS NULL AS tn, b IS NULL AS bn, n, d, ts, b FROM t;
