-- The blackhole sink discards every row; the end-of-run summary still counts
-- the rows read and the rows written (expected stderr in blackhole.err).
-- SHOW JOBS lists the jobs run so far.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK nowhere WITH (connector = 'blackhole') AS SELECT * FROM tx WHERE amount > 5;
CREATE SINK nowhere2 WITH (connector = 'blackhole') AS SELECT id, COUNT(*) AS c FROM tx GROUP BY id;
SHOW JOBS;
SHOW SINKS;
