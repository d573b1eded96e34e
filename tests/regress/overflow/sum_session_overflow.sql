-- A session merging rows whose SUM passes BIGINT (group d, 1 s apart) stops the query
-- with an error naming the aggregate.
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv');
SELECT g, SESSION_START(ts, INTERVAL '5' SECOND) AS s, SUM(v) AS total
FROM t WHERE g = 'd'
GROUP BY g, SESSION(ts, INTERVAL '5' SECOND);
