-- An unknown option (a typo of events here) is an error rather than a silently
-- unbounded stream.
CREATE SOURCE a (id BIGINT) WITH (connector = 'nexmark', 'nexmark.table' = 'auction', event = '10');
SELECT * FROM a;
