-- Scenario 2, job 2: actions per user and kind, every minute (TUMBLE 1 minute).
-- user3's view at 10:10:30 arrives after user2's 10:30:00 record (watermark 10:29:50):
-- its window [10:10, 10:11) has fired, so it is dropped and counted late (the .err).
-- user2's view at 10:06:00 comes 10 s after user1's 10:06:10 and user7's 10:59:58 comes
-- after 11:00:00: out of order but within the 10-second watermark, so counted.
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

SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE) AS window_start,
       user_id,
       action,
       COUNT(*) AS actions
FROM user_logs
GROUP BY user_id, action, TUMBLE(ts, INTERVAL '1' MINUTE);
