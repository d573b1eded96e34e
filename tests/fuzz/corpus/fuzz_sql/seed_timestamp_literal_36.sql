-- TIMESTAMP literals compared with a TIMESTAMP column, and interval arithmetic on them.
CREATE SOURCE t (`key` VARCHAR, `timestamp` TIMESTAMP)
WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT `key`, `timestamp` + INTERVAL '1' MINUTE AS later,
       `timestamp` - INTERVAL '500' MILLISECOND AS earlier
FROM t WHERE `timestamp` >= TIMESTAMP '2024-05-11 10:00:01.500';
