-- DROP VIEW / SOURCE / TABLE, with IF EXISTS on names that do not exist (no error);
-- the name can be created again afterwards.
CREATE SOURCE src (id VARCHAR, amount DOUBLE)
WITH (connector = 'file', path = 's.csv', format = 'csv');
CREATE TABLE tb (id VARCHAR) WITH (connector = 'file', path = 's.csv', format = 'csv');
CREATE VIEW v AS SELECT id FROM src;
DROP VIEW v;
DROP VIEW IF EXISTS v;
DROP SOURCE IF EXISTS nope;
DROP TABLE tb;
DROP TABLE IF EXISTS tb;
SHOW TABLES;
SHOW VIEWS;
DROP SOURCE src;
SHOW SOURCES;
CREATE SOURCE src (id VARCHAR) WITH (connector = 'file', path = 's.csv', format = 'csv');
SELECT id FROM src;
