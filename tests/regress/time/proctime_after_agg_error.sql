-- PROCTIME() over the rows an aggregate emits is a plain TIMESTAMP value, not a
-- time attribute (those rows do not pass at a clock time of their own; a
-- processing-time window there would also take the event-time watermark away
-- from the window below it): a window over it is an error naming the column.
CREATE SOURCE t (k VARCHAR, ts TIMESTAMP, v INT, WATERMARK FOR ts AS ts)
WITH (connector = 'file', path = 'p.csv', format = 'csv');
SELECT COUNT(*) AS c
FROM (SELECT n, PROCTIME() AS p
      FROM (SELECT k, COUNT(*) AS n FROM t GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)))
GROUP BY TUMBLE(p, INTERVAL '1' MINUTE);
