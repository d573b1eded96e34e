-- datagen: the same seed gives the same rows on every machine.  Every column type;
-- each column has its own splitmix64 stream keyed by seed and column position (the
-- expected values were computed with an independent Python model of the generator).
-- id: a sequence from 1; n: random INT in [1, 6]; d: random DOUBLE in [10, 20);
-- b: random BOOLEAN; s: random hex VARCHAR of length 8; c: random pick from a set;
-- ts: the default TIMESTAMP, a sequence from 2024-01-01 00:00:00 by 1 ms.
CREATE SOURCE g (id BIGINT, n INT, d DOUBLE, b BOOLEAN, s VARCHAR, c VARCHAR, ts TIMESTAMP)
WITH (
  connector = 'datagen',
  'number-of-rows' = '5',
  seed = '42',
  'fields.id.kind' = 'sequence',
  'fields.id.min' = '1',
  'fields.n.min' = '1',
  'fields.n.max' = '6',
  'fields.d.min' = '10',
  'fields.d.max' = '20',
  'fields.s.length' = '8',
  'fields.c.values' = 'red, green, blue'
);
SELECT * FROM g;
