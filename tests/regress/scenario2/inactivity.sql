-- Scenario 2, job 4: long inactivity, SESSION windows with a 24-hour gap.  A user's
-- second row is a return after more than a day of silence: user1 (day 1 -> day 3) and
-- user2 (day 1 -> day 4).  user3 comes back after 21h47m, which is one session here
-- but two 30-minute sessions in job 3.
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
       SESSION_START(ts, INTERVAL '24' HOUR) AS active_from,
       SESSION_END(ts, INTERVAL '24' HOUR) AS inactive_from,
       COUNT(*) AS events
FROM user_logs
GROUP BY user_id, SESSION(ts, INTERVAL '24' HOUR);
