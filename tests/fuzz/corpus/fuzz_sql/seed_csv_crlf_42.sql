-- CSV with CRLF line ends: the CR is not part of the last field.
CREATE SOURCE t (id VARCHAR, n INT)
WITH (connector = 'file', path = 'crlf.csv', format = 'csv');
SELECT id, n, CHAR_LENGTH(id) AS len FROM t;
