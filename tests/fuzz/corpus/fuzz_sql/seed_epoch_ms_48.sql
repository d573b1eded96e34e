-- An integer in a TIMESTAMP field is epoch milliseconds (UTC, no time zone applied).
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
WITH (connector = 'file', path = 'epoch.csv', format = 'csv');
SELECT id, ts FROM t;
