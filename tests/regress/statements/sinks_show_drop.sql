-- SHOW SINKS / SHOW JOBS / DESCRIBE / DROP SINK: a sink is listed with its
-- columns (a changelog sink's first column is op); SHOW TABLES does not list
-- sinks; DROP SINK removes it (IF EXISTS: no error when gone); DROP SINK of a
-- source is an error (last statement, in sinks_show_drop.err).
CREATE SOURCE src (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE)
  WITH (connector = 'file', path = 's.csv', format = 'csv');
SHOW JOBS;
CREATE SINK b1 WITH (connector = 'blackhole') AS SELECT id, amount * 2 AS twice, ts FROM src;
CREATE SINK b2 WITH (connector = 'blackhole') AS SELECT id, COUNT(*) AS c FROM src GROUP BY id;
SHOW SINKS;
SHOW TABLES;
SHOW JOBS;
DESCRIBE b1;
DESCRIBE b2;
DROP SINK b1;
DROP SINK IF EXISTS b1;
SHOW SINKS;
DROP SINK src;
