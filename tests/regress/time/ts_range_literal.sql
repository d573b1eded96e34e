-- A TIMESTAMP literal outside years 0000..9999 is an SQL error at the literal; the
-- edges are accepted.
CREATE SOURCE t (id INT, ts TIMESTAMP(3), ms BIGINT, s VARCHAR)
WITH (connector = 'file', path = 'ts_range_top.csv', format = 'csv');
SELECT id, TIMESTAMP '9999-12-31 23:59:59.999' AS top, TIMESTAMP '0000-01-01 00:00:00' AS bottom
FROM t WHERE id = 1;
SELECT id, TIMESTAMP '10000-01-01 00:00:00' AS beyond FROM t;
