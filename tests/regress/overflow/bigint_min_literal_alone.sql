-- 9223372036854775808 without a minus is too large for BIGINT, also after a
-- binary minus (1 - 9223372036854775808 is not a negative literal).
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT 1 - 9223372036854775808 AS x FROM t;
