-- TO_TIMESTAMP_LTZ(epoch, 0) reads seconds, (epoch, 3) or (epoch) milliseconds; a
-- DOUBLE epoch keeps its fraction to the millisecond.  weir has no session time zone:
-- the result is shown in UTC.  NULL in gives NULL; an epoch beyond year 9999 gives NULL.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, TO_TIMESTAMP_LTZ(n, 0) AS secs, TO_TIMESTAMP_LTZ(1715423025678, 3) AS ms,
       TO_TIMESTAMP_LTZ(1715423025678) AS ms_default, TO_TIMESTAMP_LTZ(x, 0) AS dbl,
       TO_TIMESTAMP_LTZ(253402300800, 0) AS too_big, TO_TIMESTAMP_LTZ(NULL, 0) AS nul
FROM t;
