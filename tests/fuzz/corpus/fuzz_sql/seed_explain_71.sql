-- EXPLAIN prints the logical plan, then the physical operators, one line per row of a
-- single "plan" column: a stateless query, a windowed one, a changelog one.
CREATE SOURCE src (
  id     VARCHAR,
  ts     TIMESTAMP(3),
  amount DOUBLE,
  c      AS amount * 2,
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'file', path = 's.csv', format = 'csv');
EXPLAIN SELECT id, c FROM src WHERE amount > 1 LIMIT 3;
EXPLAIN SELECT window_start, window_end, id, MAX(c) AS m
FROM TABLE(HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, id;
EXPLAIN SELECT id, COUNT(*) AS n, SUM(amount) FROM src GROUP BY id HAVING COUNT(*) > 1;
