-- Scenario 1, processing-time variant over a PROCTIME() column, with the simulated
-- clock: row i is read at 10:00:00 + i * 4 s, so rows 0-2 (3200, 6000, 2500) fall in
-- [10:00:00, 10:00:10) and row 3 (9000, at 10:00:12) in [10:00:10, 10:00:20).
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '4000';

CREATE SOURCE transactions (
  transaction_id VARCHAR,
  `timestamp`    TIMESTAMP,
  amount         DOUBLE,
  pt AS PROCTIME()
) WITH (
  connector = 'file',
  path = 'data/transactions.csv',
  format = 'csv'
);

SELECT transaction_id, TUMBLE_START(pt, INTERVAL '10' SECOND) AS window_start,
       SUM(amount) AS total
FROM transactions
GROUP BY transaction_id, TUMBLE(pt, INTERVAL '10' SECOND)
HAVING SUM(amount) > 8000;
