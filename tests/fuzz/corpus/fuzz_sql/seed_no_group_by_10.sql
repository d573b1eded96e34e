-- An aggregate with no GROUP BY and no window: one group, updated by every row.
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'cl.csv', format = 'csv');

SELECT COUNT(*) AS n, MAX(v) AS m FROM t;
