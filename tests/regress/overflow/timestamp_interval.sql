-- Row 1 of edge.csv (line 2) holds the largest epoch millisecond but one: since TIMESTAMPs are bounded
-- to years 0000..9999 (tests/regress/time/ts_range_*), its CAST to TIMESTAMP is already a data error
-- under on_error = 'fail' naming the source and line, before any TIMESTAMP + INTERVAL could overflow.
CREATE SOURCE t (id INT, big BIGINT, small BIGINT, m BIGINT, i2 INT, r BIGINT, ri INT, d DOUBLE,
                 di DOUBLE, s VARCHAR, si VARCHAR, e BIGINT, tms BIGINT)
WITH (connector = 'file', path = 'edge.csv', format = 'csv');
SELECT id, CAST(CAST(tms AS TIMESTAMP) + INTERVAL '1' MILLISECOND AS BIGINT) AS v FROM t;
