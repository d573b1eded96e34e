-- csv.delimiter = ';': a comma is then an ordinary character in a field (x,y), which
-- the CSV output quotes.
CREATE SOURCE t (id VARCHAR, note VARCHAR, amount DOUBLE)
WITH (connector = 'file', path = 'semi.csv', format = 'csv', csv.delimiter = ';');
SELECT id, note, amount FROM t;
