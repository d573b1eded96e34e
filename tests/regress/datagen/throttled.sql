-- datagen with rows-per-second: the rows are the same as unthrottled, only paced
-- (10 rows at 50 per second take about 0.2 s), and the input ends after the 10th.
CREATE SOURCE g (v BIGINT)
WITH (connector = 'datagen', 'number-of-rows' = '10', 'rows-per-second' = '50',
      'fields.v.kind' = 'sequence', 'fields.v.min' = '1');
SELECT v, v * 10 AS v10 FROM g WHERE v <> 4;
