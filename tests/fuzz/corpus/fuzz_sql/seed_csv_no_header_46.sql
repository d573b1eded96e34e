-- csv.header = 'false': columns by position; the first line is data.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP, amount DOUBLE)
WITH (connector = 'file', path = 'noheader.csv', format = 'csv', csv.header = 'false');
SELECT id, ts, amount FROM t;
