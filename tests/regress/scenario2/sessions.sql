-- Scenario 2, job 3: per-user SESSION windows with a 30-minute gap: start, end
-- (last event + 30 minutes), events and purchases.  user2 has two sessions on day 1
-- (10:36 -> 12:00 is 84 minutes) and one on day 4; user3's late view (10:10:30) still
-- joins the open session [10:10, 10:43), so that session has 4 events.
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
       SESSION_START(ts, INTERVAL '30' MINUTE) AS session_start,
       SESSION_END(ts, INTERVAL '30' MINUTE) AS session_end,
       COUNT(*) AS events,
       SUM(CASE WHEN action = 'purchase' THEN 1 ELSE 0 END) AS purchases
FROM user_logs
GROUP BY user_id, SESSION(ts, INTERVAL '30' MINUTE);
