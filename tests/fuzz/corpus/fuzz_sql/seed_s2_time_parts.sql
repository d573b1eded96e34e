-- HOUR, MINUTE, SECOND, YEAR, MONTH, DAYOFMONTH (Flink's shorthands for
-- EXTRACT(unit FROM ts), BIGINT) and COUNT_CHAR(s, c) (the nexmark benchmark's
-- function, built in): a leap day, a time before the epoch, NULLs.  COUNT_CHAR
-- counts the bytes of s equal to c's first byte; a NULL s (the empty CSV field)
-- counts 0, an empty or NULL c too.
CREATE SOURCE t (ts TIMESTAMP(3), s VARCHAR)
WITH (connector = 'file', path = 'time_parts.csv', format = 'csv');
SELECT ts, HOUR(ts) AS h, MINUTE(ts) AS mi, SECOND(ts) AS se, YEAR(ts) AS y, MONTH(ts) AS mo,
       DAYOFMONTH(ts) AS d, HOUR(ts) = EXTRACT(HOUR FROM ts) AS same_h,
       count_char(s, 'c') AS c, COUNT_CHAR(s, 'cx') AS c2, count_char(s, '') AS c0,
       count_char(s, CAST(NULL AS VARCHAR)) AS cn
FROM t;
