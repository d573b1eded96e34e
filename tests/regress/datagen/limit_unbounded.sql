-- datagen without number-of-rows is unbounded: LIMIT ends the query.  A sequence over
-- values cycles in order; a TIMESTAMP sequence starts at min and advances by step ms.
CREATE SOURCE events (id BIGINT, action VARCHAR, ok BOOLEAN, ts TIMESTAMP)
WITH (
  connector = 'datagen',
  'fields.id.kind' = 'sequence',
  'fields.id.min' = '1',
  'fields.action.kind' = 'sequence',
  'fields.action.values' = 'login,view,logout',
  'fields.ok.kind' = 'sequence',
  'fields.ok.values' = 'true,false',
  'fields.ts.min' = '2024-05-11 10:00:00',
  'fields.ts.step' = '1500'
);
SELECT id, action, ok, ts FROM events LIMIT 4;
