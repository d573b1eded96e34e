-- An empty file (CSV with a header expected, and JSON lines), and a CSV file
-- with only its header: no rows, no error, exit 0.  The summary (in the .err
-- file) says 0 rows read.
CREATE SOURCE c (id VARCHAR, n INT) WITH (connector = 'file', path = 'empty.csv', format = 'csv');
CREATE SOURCE j (id VARCHAR, n INT) WITH (connector = 'file', path = 'empty.jsonl', format = 'json');
CREATE SOURCE h (id VARCHAR, n INT) WITH (connector = 'file', path = 'header_only.csv', format = 'csv');
SELECT id, n FROM c;
SELECT id, n FROM j;
SELECT id, n FROM h;
