-- Scenario 1 writing its alerts to another topic: the same windows as
-- transactions.sql, each flagged window one JSON message on `alerts`, keyed by
-- the transaction id (key.fields).  Delivery failures stop the job with an
-- error; nothing is dropped silently.
CREATE SOURCE transactions (
  transaction_id VARCHAR,
  `timestamp`    TIMESTAMP,
  amount         DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
) WITH (
  connector = 'kafka',
  topic = 'transactions',
  properties.bootstrap.servers = 'localhost:9092',
  scan.startup.mode = 'earliest-offset',
  scan.bounded.mode = 'latest-offset',
  format = 'json'
);

CREATE SINK alerts WITH (
  connector = 'kafka',
  topic = 'alerts',
  properties.bootstrap.servers = 'localhost:9092',
  format = 'json',
  key.fields = 'transaction_id'
) AS
SELECT transaction_id,
       TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,
       SUM(amount) AS total
FROM transactions
GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)
HAVING SUM(amount) > 8000;
