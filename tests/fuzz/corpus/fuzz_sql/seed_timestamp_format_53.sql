-- timestamp.format: a strftime-style pattern for TIMESTAMP fields (day/month/year here).
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
WITH (connector = 'file', path = 'fmt.csv', format = 'csv', timestamp.format = '%d/%m/%Y %H:%M:%S');
SELECT id, ts FROM t;
