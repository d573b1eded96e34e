-- DATE_FORMAT(ts, pattern) with Java pattern letters: y M d H h m s S a E D and
-- 'quoted text' ('' is a quote).  MMM / EEE are English short names.  A string first
-- argument is read as a timestamp (Flink).  NULL in, NULL out.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm:ss') AS iso, DATE_FORMAT(ts, 'yy/M/d h:mm a') AS us,
       DATE_FORMAT(ts, 'EEE, dd MMM yyyy ''at'' HH.mm.ss.SSS') AS long_form,
       DATE_FORMAT(ts, 'EEEE MMMM D') AS names, DATE_FORMAT('2024-02-29 08:05:00', 'yyyyMMddHHmm') AS from_str,
       DATE_FORMAT(CAST(NULL AS TIMESTAMP), 'yyyy') AS ts_null
FROM t;
