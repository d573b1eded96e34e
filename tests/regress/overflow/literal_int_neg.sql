-- Literals: unary minus keeps INT: -(INT min) does not fit INT.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT -CAST(-2147483648 AS INT) AS v FROM t;
