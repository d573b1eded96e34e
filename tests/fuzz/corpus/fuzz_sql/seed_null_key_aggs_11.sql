-- A changelog with a NULL group key, COUNT(DISTINCT), AVG and MIN of VARCHAR.
--   a {1,p}          +I a,1,1.0,p
--   NULL {2,q}       +I ,1,2.0,q
--   a {1,b}          MIN changes: -U a,1,1.0,p  +U a,1,1.0,b
--   NULL {null,null} nothing visible changes: no output
--   a {4,z}          -U a,1,1.0,b  +U a,2,2.0,b
CREATE SOURCE t (k VARCHAR, v INT, s VARCHAR)
WITH (connector = 'file', path = 'clj.jsonl', format = 'json');
SELECT k, COUNT(DISTINCT v) AS dv, AVG(v) AS av, MIN(s) AS ms FROM t GROUP BY k;
