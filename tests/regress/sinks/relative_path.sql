-- Relative paths of sinks and sources resolve against the directory of the
-- .sql file: data/in.csv is read and data/written_relative.csv written there.
CREATE SOURCE src (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'data/in.csv', format = 'csv');
CREATE TABLE dst (id VARCHAR, n BIGINT)
  WITH (connector = 'file', path = 'data/written_relative.csv', format = 'csv');
INSERT INTO dst SELECT id, n FROM src WHERE n IS NOT NULL;
SELECT * FROM dst;
