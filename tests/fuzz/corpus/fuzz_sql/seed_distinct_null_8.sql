-- SELECT DISTINCT treats NULLs as one value: +I for a, +I for NULL, nothing else.
CREATE SOURCE t (k VARCHAR, v INT, s VARCHAR)
WITH (connector = 'file', path = 'clj.jsonl', format = 'json');
SELECT DISTINCT k FROM t;
