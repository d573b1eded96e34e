-- The simulated clock's step is 1 ms to a day a row: a day is accepted, more
-- is an error when the query starts (a huge step would run the clock out of
-- the TIMESTAMP range, and past int64).
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '86400000';
CREATE SOURCE t (k VARCHAR, v INT, pt AS PROCTIME())
WITH (connector = 'file', path = 'p.csv', format = 'csv');
SELECT k, pt FROM t;
SET 'debug.proctime.step' = '86400001';
SELECT k, pt FROM t;
