-- An integer overflow in a row's value follows the source's on_error like a bad CAST.
-- dead_letter: the row that overflows (line 3) goes to the dead letters with the first
-- failing expression as the reason; rows 1 and 3 are exact.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, big + 1 AS a, small * -1 AS b, -i2 AS c, ABS(small) AS d, ROUND(ri, -1) AS e FROM t;
