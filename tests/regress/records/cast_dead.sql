-- A record that decodes but whose value fails a CAST in the query (line 3, 'x2')
-- is a data error under the source's on_error = 'dead_letter'; the rows around it are
-- never lost or changed (an empty field is NULL, and CAST(NULL) is NULL).
CREATE SOURCE t (id VARCHAR, n VARCHAR)
  WITH (connector = 'file', path = 'castval.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, CAST(n AS BIGINT) * 10 AS n10 FROM t;
