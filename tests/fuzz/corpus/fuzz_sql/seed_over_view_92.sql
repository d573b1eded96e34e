-- A window over a view over a view over a source.
CREATE SOURCE w (
  k  VARCHAR,
  ts TIMESTAMP(3),
  v  INT,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 'w.csv', format = 'csv');

CREATE VIEW only_a AS SELECT k, ts, v * 10 AS v10 FROM w WHERE k = 'a';
CREATE VIEW big_a AS SELECT * FROM only_a WHERE v10 > 10;

SELECT window_start, window_end, COUNT(*) AS c, SUM(v10) AS s
FROM TABLE(TUMBLE(TABLE big_a, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
