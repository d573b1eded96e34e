-- Scenario 2 over Kafka: real-time log analysis on the topic `user-logs`
-- (JSON messages, one user event each; ../data/user_logs.jsonl, one line a
-- message, malformed lines included).  The four jobs of ../log_analysis.sql,
-- unchanged; only the source is a Kafka topic.  `timestamp` is epoch seconds
-- and becomes the event-time column ts; events may arrive up to 10 seconds out
-- of order.  Malformed messages are skipped and counted (on_error = 'skip':
-- the end-of-run summary names each by partition and offset).
--
-- Watermarks are kept per partition and the source's is the minimum over
-- them, so a row that is late in the file version (one in job 2) can be on
-- time here: it depends on how far the other partitions had been read.
--
-- As written each job reads what the topic holds when it starts, then ends
-- (scan.bounded.mode): a backfill.  Drop that line for a continuous job.
-- README.md says how to load the topic and run it; tests/kafka runs it against
-- librdkafka's mock cluster.
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
  connector = 'kafka',
  topic = 'user-logs',
  properties.bootstrap.servers = 'localhost:9092',
  scan.startup.mode = 'earliest-offset',
  scan.bounded.mode = 'latest-offset',
  format = 'json',
  on_error = 'skip'
);

-- 1. Security alerts: users with 5 or more failed logins within 5 minutes,
--    checked every minute.
SELECT user_id,
       HOP_START(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE) AS window_start,
       HOP_END(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE) AS window_end,
       COUNT(*) AS failed_attempts
FROM user_logs
WHERE action = 'login_failed'
GROUP BY user_id, HOP(ts, INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)
HAVING COUNT(*) >= 5;

-- 2. Per-user metrics: actions per user and kind, every minute.
SELECT TUMBLE_START(ts, INTERVAL '1' MINUTE) AS window_start,
       user_id,
       action,
       COUNT(*) AS actions
FROM user_logs
GROUP BY user_id, action, TUMBLE(ts, INTERVAL '1' MINUTE);

-- 3. Sessions: per user, activity with no gap of 30 minutes or more.
SELECT user_id,
       SESSION_START(ts, INTERVAL '30' MINUTE) AS session_start,
       SESSION_END(ts, INTERVAL '30' MINUTE) AS session_end,
       COUNT(*) AS events,
       SUM(CASE WHEN action = 'purchase' THEN 1 ELSE 0 END) AS purchases
FROM user_logs
GROUP BY user_id, SESSION(ts, INTERVAL '30' MINUTE);

-- 4. Long inactivity: sessions with a 24-hour gap, so every row after the first
--    of a user is a return after more than a day of silence.
SELECT user_id,
       SESSION_START(ts, INTERVAL '24' HOUR) AS active_from,
       SESSION_END(ts, INTERVAL '24' HOUR) AS inactive_from,
       COUNT(*) AS events
FROM user_logs
GROUP BY user_id, SESSION(ts, INTERVAL '24' HOUR);
