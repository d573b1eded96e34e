-- TIMESTAMP +/- INTERVAL between constants is checked when the query compiles:
-- the last millisecond of 9999 plus one second is an SQL error at the
-- expression, not a data error on every row; inside the range it is fine.
CREATE SOURCE o (a INT) WITH (connector = 'file', path = 'ts_range_one.csv', format = 'csv');
SELECT TIMESTAMP '9999-12-31 23:59:58.999' + INTERVAL '1' SECOND AS t FROM o;
SELECT TIMESTAMP '9999-12-31 23:59:59.999' + INTERVAL '1' SECOND AS t FROM o;
