-- datagen: a TIMESTAMP in fields.<col>.values outside years 0000..9999 is an error
-- naming the option, when the query starts.
CREATE SOURCE g (ts TIMESTAMP(3))
WITH (connector = 'datagen', 'fields.ts.values' = '2024-01-01 00:00:00, -62167219200001',
      'number-of-rows' = '3');
SELECT ts FROM g;
