-- Scenario 1 (scenarios.md), the legacy group-window form, as examples/transactions.sql.
CREATE SOURCE transactions (
  transaction_id VARCHAR,
  `timestamp`    TIMESTAMP,
  amount         DOUBLE,
  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '1' SECOND
) WITH (
  connector = 'file',
  path = 'transactions.csv',
  format = 'csv'
);

SELECT transaction_id, TUMBLE_START(`timestamp`, INTERVAL '10' SECOND) AS window_start,
       SUM(amount) AS total
FROM transactions
GROUP BY transaction_id, TUMBLE(`timestamp`, INTERVAL '10' SECOND)
HAVING SUM(amount) > 8000;
