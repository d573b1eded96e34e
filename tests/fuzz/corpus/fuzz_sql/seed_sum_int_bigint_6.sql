-- SUM over INT is a BIGINT: it does not overflow at 2^31.  SUM over DOUBLE is
-- plain floating point, added in input order (0.1 + 0.2 + 0.5 reads back as 0.8).
CREATE SOURCE t (
  ts TIMESTAMP,
  i  INT,
  d  DOUBLE,
  WATERMARK FOR ts AS ts
) WITH (connector = 'file', path = 'big.csv', format = 'csv');

SELECT SUM(i) AS si, SUM(d) AS sd, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
