-- Expressions that make a TIMESTAMP keep it in years 0000..9999.  Outside, the row's
-- value is a data error under on_error (here dead_letter, with the first failing
-- expression as the reason): ts + INTERVAL past 9999-12-31 23:59:59.999 (line 3),
-- CAST of an epoch beyond either edge (lines 3, 5), ts - INTERVAL before 0000 (line 5).
-- TO_TIMESTAMP_LTZ of an epoch outside the range is NULL, as in Flink.
CREATE SOURCE t (id INT, ts TIMESTAMP(3), ms BIGINT, s VARCHAR)
WITH (connector = 'file', path = 'ts_range_top.csv', format = 'csv', on_error = 'dead_letter',
      dead_letter.path = '/dev/stderr');
SELECT id, ts + INTERVAL '1' MILLISECOND AS plus, ts - INTERVAL '0.001' SECOND AS minus,
       CAST(ms AS TIMESTAMP) AS c, TO_TIMESTAMP_LTZ(ms, 3) AS ltz,
       TO_TIMESTAMP_LTZ(9223372036854775807, 3) AS ltz_huge, CAST(s AS TIMESTAMP) AS cs
FROM t;
