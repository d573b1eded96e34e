-- A UTF-8 byte order mark before the header is dropped: the first column is
-- found by name and no value starts with the mark.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'bom.csv', format = 'csv');
SELECT id, n, CHAR_LENGTH(id) AS len FROM t;
