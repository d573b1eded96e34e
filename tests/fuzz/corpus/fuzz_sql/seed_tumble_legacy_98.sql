-- TUMBLE, legacy group-window form: 5-second windows per key.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

SELECT k,
       TUMBLE_START(ts, INTERVAL '5' SECOND) AS ws,
       TUMBLE_END(ts, INTERVAL '5' SECOND) AS we,
       TUMBLE_ROWTIME(ts, INTERVAL '5' SECOND) AS rt,
       COUNT(*) AS c,
       SUM(v) AS s
FROM w
GROUP BY k, TUMBLE(ts, INTERVAL '5' SECOND);
