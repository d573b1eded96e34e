-- SHOW SOURCES / TABLES / VIEWS and DESCRIBE of a source (physical, computed,
-- PROCTIME and watermark columns) and of a view.
CREATE SOURCE src (
  id     VARCHAR,
  ts     TIMESTAMP(3),
  amount DOUBLE,
  c      AS amount * 2,
  pt     AS PROCTIME(),
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 's.csv', format = 'csv');
CREATE VIEW v AS SELECT id, amount FROM src WHERE amount > 1;
SHOW SOURCES;
SHOW TABLES;
SHOW VIEWS;
DESCRIBE src;
DESCRIBE v;
