-- session_late_merge in the legacy form: the out-of-order x@13 merges x[10,14) and
-- x[16,20); x@12 after W = 25 is late; x@22 opens a new session.
CREATE SOURCE s (
  k  VARCHAR,
  ts TIMESTAMP,
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'file', path = 'session_late.csv', format = 'csv');

SELECT k, SESSION_START(ts, INTERVAL '4' SECOND) AS ws, SESSION_END(ts, INTERVAL '4' SECOND) AS we,
       COUNT(*) AS c, SUM(v) AS s
FROM s
GROUP BY SESSION(ts, INTERVAL '4' SECOND), k;
