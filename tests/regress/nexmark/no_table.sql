-- nexmark.table is required.
CREATE SOURCE a (id BIGINT) WITH (connector = 'nexmark', events = '10');
SELECT * FROM a;
