-- SELECT DISTINCT with no aggregate: a changelog keyed by (k, x), +I rows only.
CREATE SOURCE t (k VARCHAR, x INT)
WITH (connector = 'file', path = 'ds.csv', format = 'csv');

SELECT DISTINCT k, x FROM t;
