-- A malformed record on line 3 under on_error = 'fail': the row read before it
-- (a,1) has been processed, so a stateless query has emitted it before the error.
CREATE SOURCE t (id VARCHAR, n INT)
WITH (connector = 'file', path = 'e.csv', format = 'csv');
SELECT id, n FROM t;
