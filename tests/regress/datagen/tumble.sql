-- datagen drives event-time windows: ts is a sequence of 12 rows one second apart
-- from 10:00:00 (sequence min..max ends the input, like Flink), k cycles a, b, c.
-- TUMBLE 5 s: [10:00:00, :05) holds rows 0-4 (k = a b c a b), [:05, :10) rows 5-9
-- (c a b c a), [:10, :15) rows 10-11 (b c); the end of input fires the last window.
-- v is the sequence 1..12 (row i has v = i + 1).
CREATE SOURCE g (k VARCHAR, v INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (
  connector = 'datagen',
  'fields.k.kind' = 'sequence',
  'fields.k.values' = 'a,b,c',
  'fields.v.kind' = 'sequence',
  'fields.v.min' = '1',
  'fields.ts.min' = '2024-05-11 10:00:00',
  'fields.ts.max' = '2024-05-11 10:00:11',
  'fields.ts.step' = '1000'
);
SELECT window_start, k, COUNT(*) AS n, SUM(v) AS total
FROM TABLE(TUMBLE(TABLE g, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end, k;
