-- JSON: an object or array read into a VARCHAR column is kept as its JSON text; a
-- number in a TIMESTAMP field is epoch milliseconds; on_error = 'skip' skips the line
-- that is not JSON.
CREATE SOURCE t (id VARCHAR, meta VARCHAR, ts TIMESTAMP)
WITH (connector = 'file', path = 'nested.jsonl', format = 'json', on_error = 'skip');
SELECT id, meta, ts FROM t;
