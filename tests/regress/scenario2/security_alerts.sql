-- Scenario 2, job 1 (as examples/log_analysis.sql): security alerts, HOP 1-minute slide,
-- 5-minute size, HAVING COUNT(*) >= 5.  user1 fails 6 times in 10:00:05-10:02:50: the
-- windows starting 09:58, 09:59, 10:00 hold all 6 (09:57 and 10:01 only 4).  user6 fails
-- at 11:00:00/:10/:20/:30, 11:04:59 and 11:05:00: only [11:00, 11:05) holds 5 (the end is
-- exclusive).  user4 has 4 good failures (a 5th is a malformed line, skipped); user5 has 5
-- spread over 6 minutes, never 5 in one window.  The .err pins the 5 malformed lines.
CREATE SOURCE user_logs (
  user_id     VARCHAR,
  session_id  VARCHAR,
  action      VARCHAR,
  `timestamp` BIGINT,
  ip_address  VARCHAR,
  user_agent  VARCHAR,
  metadata    VARCHAR,
  ts AS TO_TIMESTAMP_LTZ(`timestamp`, 0),
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH (
  connector = 'file',
  path = 'user_logs.jsonl',
  format = 'json',
  on_error = 'skip'
);

SELECT user_id,
       HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE) AS window_start,
       HOP_END(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE) AS window_end,
       COUNT(*) AS failed_attempts
FROM user_logs
WHERE action = 'login_failed'
GROUP BY user_id, HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)
HAVING COUNT(*) >= 5;
