-- Non-reserved keywords used as plain, unquoted column names.
CREATE SOURCE t (
  key       VARCHAR,
  value     VARCHAR,
  window    VARCHAR,
  count     INT,
  timestamp TIMESTAMP
) WITH (connector = 'file', path = 'kw.csv', format = 'csv');
SELECT key, value, window, count, timestamp FROM t WHERE count > 1;
