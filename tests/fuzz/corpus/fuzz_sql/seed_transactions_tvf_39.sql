-- Scenario 1 in the window table function form: the same rows, byte for byte.
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

SELECT transaction_id, window_start, SUM(amount) AS total
FROM TABLE(TUMBLE(TABLE transactions, DESCRIPTOR(`timestamp`), INTERVAL '10' SECONDS))
GROUP BY window_start, window_end, transaction_id
HAVING SUM(amount) > 8000;
