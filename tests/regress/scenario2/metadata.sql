-- Scenario 2: the metadata JSON object is read into a VARCHAR column as its JSON text,
-- byte for byte (nested objects and arrays included, 5.0 stays 5.0); ts is
-- TO_TIMESTAMP_LTZ(`timestamp`, 0).  A stateless query: rows in input order, so user3's
-- late view (10:10:30) comes after its 10:13:00 logout and is not dropped.
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

SELECT user_id, `timestamp`, ts, metadata FROM user_logs WHERE action = 'purchase' OR user_id = 'user3';
