-- A sink's columns become the file's header (or JSON keys): each name once.
CREATE SOURCE tx (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, n INT, note VARCHAR)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');
CREATE SINK s WITH (connector = 'stdout') AS SELECT id, n, amount AS n FROM tx;
