-- CREATE TABLE ... WITH (connector = ...) is a synonym of CREATE SOURCE (Flink style),
-- and CREATE ... IF NOT EXISTS leaves an existing one alone.  Only declared columns are
-- parsed, so row c (bad ts, an undeclared column) is fine and row b (n = oops) is skipped.
CREATE TABLE t (id VARCHAR, n INT)
WITH (connector = 'file', path = 'bad.csv', format = 'csv', on_error = 'skip');
CREATE TABLE IF NOT EXISTS t (other INT)
WITH (connector = 'file', path = 'nowhere.csv', format = 'csv');
SELECT id, n FROM t WHERE n > 1;
