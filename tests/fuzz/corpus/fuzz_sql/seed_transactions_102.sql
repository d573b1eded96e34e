-- Scenario 1: transaction anomaly detection.
-- Per transaction id, the total amount in each 10-second tumbling window of
-- event time; flag windows whose total exceeds 8000.  Rows may arrive up to one
-- second out of order, hence the watermark.
CREATE SOURCE transactions (
  transaction_id VARCHAR,
  `timestamp`    TIMESTAMP,
  amount         DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
) WITH (
  connector = 'file',
  path = 'data/transactions.csv',
  format = 'csv'
);

SELECT transaction_id,
       TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,
       SUM(amount) AS total
FROM transactions
GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)
HAVING SUM(amount) > 8000;
