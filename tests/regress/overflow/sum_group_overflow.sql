-- A SUM whose next addition would pass BIGINT max stops the query with an error naming
-- the aggregate, whatever on_error says: the row itself is valid, and leaving it out would
-- silently change the total.  (HAVING hides group d's first row, so nothing was emitted.)
CREATE SOURCE t (id INT, g VARCHAR, v BIGINT, n INT, ts TIMESTAMP,
                 WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH (connector = 'file', path = 'sums.csv', format = 'csv', on_error = 'skip');
SELECT g, SUM(v) AS s FROM t WHERE g = 'd' GROUP BY g HAVING COUNT(*) > 1;
