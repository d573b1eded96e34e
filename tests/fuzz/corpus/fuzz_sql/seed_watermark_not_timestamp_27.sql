-- WATERMARK FOR a column that is not a TIMESTAMP.
CREATE SOURCE t (id VARCHAR, n BIGINT, WATERMARK FOR n AS n - 1)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id FROM t;
