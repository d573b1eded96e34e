-- The smallest BIGINT can be written as a literal: -9223372036854775808 (the
-- minus applies to 9223372036854775808, which fits only negated), also in
-- parentheses and in a comparison; arithmetic past it is still an overflow.
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT id, -9223372036854775808 AS lo, -(9223372036854775808) AS lo2, v > -9223372036854775808 AS above
FROM t WHERE id = 4;
SELECT -9223372036854775808 - 1 AS x FROM t;
