-- CREATE SINK of a name already taken is an error; IF NOT EXISTS skips the
-- statement (the job does not run again: its stdout output appears once).
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'stdout') AS SELECT id FROM tx LIMIT 2;
CREATE SINK IF NOT EXISTS s WITH (connector = 'stdout') AS SELECT id FROM tx LIMIT 2;
SHOW JOBS;
CREATE SINK tx WITH (connector = 'stdout') AS SELECT id FROM tx;
