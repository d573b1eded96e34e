-- Literals: the double 9223372036854775807.0 is 2^63: past BIGINT.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT CAST(9223372036854775807.0 AS BIGINT) AS v FROM t;
