-- CREATE TABLE ... WITH (connector = 'file') then INSERT INTO it (Flink style).
-- The query's columns match the table's by position: the names written are the
-- table's (k, total, cnt), and INT widens to BIGINT and DOUBLE.  The table is
-- then read as a source (a table is both).
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE TABLE summary (k VARCHAR, total DOUBLE, cnt BIGINT, big BIGINT)
  WITH (connector = 'file', path = 'written_insert_into.csv', format = 'csv');
INSERT INTO summary SELECT id AS who, n, n * 10 AS tens, CAST(n AS BIGINT) * 1000000000000 FROM tx;
SELECT * FROM summary;
SELECT k, total / 4 AS quarter FROM summary WHERE cnt > 10;
SHOW JOBS;
DESCRIBE summary;
