-- UPPER / LOWER (ASCII and Latin-1 letters), CHAR_LENGTH / CHARACTER_LENGTH in
-- characters, not bytes.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, UPPER(s) AS u, LOWER(s) AS l, CHAR_LENGTH(s) AS c, CHARACTER_LENGTH(p) AS cp FROM t;
