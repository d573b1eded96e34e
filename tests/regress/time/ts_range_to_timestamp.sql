-- TO_TIMESTAMP with a pattern reads up to nine year digits: beyond 9999 is a data
-- error (it would overflow the arithmetic), here stopping the query.
CREATE SOURCE t (id INT, ts TIMESTAMP(3), ms BIGINT, s VARCHAR)
WITH (connector = 'file', path = 'ts_range_top.csv', format = 'csv');
SELECT id, TO_TIMESTAMP(CONCAT('99', CAST(id AS VARCHAR), '99-01-01'), 'yyyyyy-MM-dd') AS t FROM t;
