-- TO_TIMESTAMP(s) reads 'yyyy-M-d[ H:m:s[.fff]]' (Flink's default); TO_TIMESTAMP(s, fmt)
-- reads with a Java pattern.  Text that does not match gives NULL (Flink), not an error.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, TO_TIMESTAMP('2024-05-11 10:23:45') AS t1, TO_TIMESTAMP('2024-5-1 1:2:3.5') AS t2,
       TO_TIMESTAMP('2024-05-11') AS t3, TO_TIMESTAMP('11/05/2024 10:23', 'dd/MM/yyyy HH:mm') AS t4,
       TO_TIMESTAMP('20240511102345678', 'yyyyMMddHHmmssSSS') AS t5, TO_TIMESTAMP('2024-02-30 00:00:00') AS bad_day,
       TO_TIMESTAMP(s) AS from_col, TO_TIMESTAMP(DATE_FORMAT(ts, 'dd.MM.yyyy HH:mm:ss.SSS'), 'dd.MM.yyyy HH:mm:ss.SSS') AS round_trip
FROM t;
