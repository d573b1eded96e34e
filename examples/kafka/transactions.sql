-- Scenario 1 over Kafka: transaction anomaly detection on the topic
-- `transactions` (JSON messages, one transaction each; transactions.jsonl here).
-- Per transaction id, the total amount in each 10-second tumbling window of
-- event time; flag windows whose total exceeds 8000.  Watermarks are tracked
-- per partition (the source's is the minimum over active partitions), so rows
-- spread over several partitions are not dropped as late; a partition silent
-- for 5 s stops holding results back.
--
-- As written it reads what the topic holds when it starts, then ends
-- (scan.bounded.mode): a backfill.  Drop that line for a continuous job.
-- README.md says how to run it against a real Kafka cluster; tests/kafka runs
-- it against librdkafka's mock cluster.
CREATE SOURCE transactions (
  transaction_id VARCHAR,
  `timestamp`    TIMESTAMP,
  amount         DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
) WITH (
  connector = 'kafka',
  topic = 'transactions',
  properties.bootstrap.servers = 'localhost:9092',
  properties.group.id = 'weir-scenario1',
  scan.startup.mode = 'earliest-offset',
  scan.bounded.mode = 'latest-offset',
  'watermark.idle-timeout' = '5 s',
  format = 'json'
);

SELECT transaction_id,
       TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,
       SUM(amount) AS total
FROM transactions
GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)
HAVING SUM(amount) > 8000;
