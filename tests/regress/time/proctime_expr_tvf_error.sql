-- A CAST of PROCTIME() is a plain TIMESTAMP value, not a time attribute (as in
-- Flink): a window table function over it is an error naming the column.
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'p.csv', format = 'csv');
CREATE VIEW w AS SELECT k, CAST(PROCTIME() AS TIMESTAMP(3)) AS pt FROM t;
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(pt), INTERVAL '2' SECOND))
GROUP BY window_start, window_end;
