-- EXTRACT(unit FROM ts) returns BIGINT.  WEEK is the ISO-8601 week; DOW is 1 = Sunday
-- .. 7 = Saturday; DOY counts from 1; MILLISECOND is the millisecond of the second (0..999,
-- as Flink's DateTimeUtils); EPOCH is seconds since 1970-01-01 00:00:00.  2024-05-11 is a
-- Saturday, 2024-12-31 a Tuesday (ISO week 1 of 2025), 2024-01-01 a Monday.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS mo,
       EXTRACT(WEEK FROM ts) AS w, EXTRACT(DAY FROM ts) AS d, EXTRACT(HOUR FROM ts) AS h,
       EXTRACT(MINUTE FROM ts) AS mi, EXTRACT(SECOND FROM ts) AS sec, EXTRACT(MILLISECOND FROM ts) AS ms,
       EXTRACT(DOW FROM ts) AS dow, EXTRACT(DOY FROM ts) AS doy, EXTRACT(EPOCH FROM ts) AS ep
FROM t;
