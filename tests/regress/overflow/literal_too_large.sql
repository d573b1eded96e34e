-- An integer literal past BIGINT is an SQL error at the literal (the lexer's check).
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT id, 9223372036854775807 AS fits, 9223372036854775808 AS v FROM t;
