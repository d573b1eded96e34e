-- An integer overflow in a row's value follows the source's on_error like a bad CAST.
-- fail (the default): the query stops at line 3 naming the source, the line and the
-- operation; row 1 is delivered.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT id, big + 1 AS a, small * -1 AS b, -i2 AS c, ABS(small) AS d, ROUND(ri, -1) AS e FROM t;
