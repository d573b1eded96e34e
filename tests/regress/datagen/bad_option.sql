-- datagen: a bad option is an error naming it, when the query starts.
CREATE SOURCE g (id BIGINT, name VARCHAR)
WITH (connector = 'datagen', 'fields.name.kind' = 'sequence');
SELECT * FROM g;
