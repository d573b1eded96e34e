-- NULL keys (JSON null and a missing field) form one group, which sorts first;
-- strings sort by bytes ('B' < 'a' < 'b').
CREATE SOURCE t (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'nulls.jsonl', format = 'json');

SELECT window_start, k, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;
