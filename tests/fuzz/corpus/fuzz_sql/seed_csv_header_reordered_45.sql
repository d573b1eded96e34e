-- With csv.header (the default), columns match the header by name, case-insensitively,
-- in any order; a header column the source does not declare (extra) is ignored.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE)
WITH (connector = 'file', path = 'reordered.csv', format = 'csv');
SELECT id, ts, amount FROM t;
