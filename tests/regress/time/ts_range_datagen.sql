-- datagen: a TIMESTAMP sequence ends at its last value within years 0000..9999 (like any
-- sequence that is used up); random TIMESTAMPs may span the whole range.
CREATE SOURCE g (id BIGINT, ts TIMESTAMP(3), r TIMESTAMP(3))
WITH (connector = 'datagen', 'fields.id.kind' = 'sequence', 'fields.ts.min' = '9999-12-31 23:59:59.997',
      'fields.r.kind' = 'random', 'fields.r.min' = '0000-01-01 00:00:00',
      'fields.r.max' = '0000-01-01 00:00:00', seed = '1');
SELECT id, ts, r FROM g;
CREATE SOURCE g2 (ts TIMESTAMP(3))
WITH (connector = 'datagen', 'fields.ts.min' = '253402300799990', 'fields.ts.step' = '4');
SELECT ts FROM g2;
CREATE SOURCE g3 (ts TIMESTAMP(3))
WITH (connector = 'datagen', 'fields.ts.kind' = 'random', 'fields.ts.max' = '253402300800000');
SELECT ts FROM g3;
