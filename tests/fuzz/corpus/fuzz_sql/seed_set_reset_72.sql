-- SET changes a session option for the statements after it; a later SET overrides it;
-- RESET 'key' and RESET (all) go back to the defaults (the real clock here).
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1000';
CREATE SOURCE src (id VARCHAR, pt AS PROCTIME())
WITH (connector = 'file', path = 's2.csv', format = 'csv');
SELECT id, pt FROM src;
SET 'debug.proctime.step' = '250';
SELECT id, pt FROM src;
RESET 'debug.proctime.step';
RESET;
SELECT id, pt > TIMESTAMP '2025-01-01 00:00:00' AS real_clock FROM src;
