-- Literals: ROUND up past BIGINT max.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT ROUND(9223372036854775807, -1) AS v FROM t;
