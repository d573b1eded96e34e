-- COUNT(DISTINCT) over overlapping HOP windows (slide 5 s, size 10 s): a value seen in
-- two slices of one window counts once.
CREATE SOURCE t (
  ts TIMESTAMP,
  u  VARCHAR,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'cd.csv', format = 'csv');

SELECT window_start, window_end, COUNT(*) AS n, COUNT(DISTINCT u) AS du
FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
