-- Computed columns, one of them the event time (from epoch seconds) carrying the
-- watermark; computed columns are visible to SELECT *, after the physical ones.
CREATE SOURCE t (
  id     VARCHAR,
  sec    BIGINT,
  amount DOUBLE,
  cents  AS CAST(amount * 100 AS BIGINT),
  ts     AS TO_TIMESTAMP_LTZ(sec, 0),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'comp.csv', format = 'csv');
SELECT * FROM t;
SELECT window_start, SUM(cents) AS c
FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
