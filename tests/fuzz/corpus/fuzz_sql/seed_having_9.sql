-- HAVING on a changelog: a group appears (+I) when HAVING starts to hold, leaves (-D,
-- with its last emitted values) when it stops, and comes back with +I.
--   a,1 -> a=1 (hidden)   a,2 -> a=3 +I   b,5 -> +I   a,-2 -> a=1 -D a,3
--   a,4 -> a=5 +I         b,1 -> b=6 -U/+U            b,0 -> unchanged, nothing
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'hv.csv', format = 'csv');

SELECT k, SUM(v) AS s FROM t GROUP BY k HAVING SUM(v) > 2;
