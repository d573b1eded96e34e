-- JSON lines with a byte order mark and CRLF line ends.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'bom_crlf.jsonl', format = 'json');
SELECT id, n, CHAR_LENGTH(id) AS len FROM t;
