-- SHOW CREATE SOURCE|TABLE|VIEW|SINK: the statement as it was written (comments,
-- spacing and case kept), one row in the column "ddl"; SOURCE and TABLE both name
-- sources and tables; a wrong kind is an error that names the right one.
CREATE SOURCE src (
  id     VARCHAR,  -- the key
  ts     TIMESTAMP(3),
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 's.csv', format = 'csv');
CREATE TABLE out_t (id VARCHAR) WITH (connector = 'blackhole');
CREATE VIEW v AS SELECT id
  FROM src WHERE id <> 'x';
create sink b with (connector = 'blackhole') as select id from v;
SHOW CREATE SOURCE src;
SHOW CREATE TABLE src;
SHOW CREATE TABLE out_t;
SHOW CREATE SOURCE out_t;
SHOW CREATE VIEW v;
SHOW CREATE SINK b;
SHOW CREATE VIEW src;
