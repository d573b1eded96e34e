-- on_error = 'skip': malformed records (a non-integer n, a bad timestamp) are counted
-- and skipped; the good rows go on.
CREATE SOURCE t (id VARCHAR, n INT, ts TIMESTAMP)
WITH (connector = 'file', path = 'bad.csv', format = 'csv', on_error = 'skip');
SELECT id, n, ts FROM t;
