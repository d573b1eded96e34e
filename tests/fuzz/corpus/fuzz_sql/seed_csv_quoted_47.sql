-- RFC 4180 quoted fields: a comma, a newline and doubled quotes inside quotes.  The
-- output quotes them again.
CREATE SOURCE t (id VARCHAR, note VARCHAR, n INT)
WITH (connector = 'file', path = 'quoted.csv', format = 'csv');
SELECT id, note, n FROM t;
