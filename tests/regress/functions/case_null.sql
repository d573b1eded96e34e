-- CASE: the first TRUE WHEN wins (a NULL condition is not TRUE); no ELSE gives NULL;
-- simple CASE compares with =, so CASE NULL WHEN NULL does not match.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id,
       CASE WHEN n > 0 THEN 'pos' WHEN n < 0 THEN 'neg' WHEN n = 0 THEN 'zero' ELSE 'null' END AS sign,
       CASE WHEN b THEN x END AS x_if_b,
       CASE n WHEN 7 THEN 'seven' WHEN NULL THEN 'never' ELSE 'other' END AS simple,
       CASE WHEN x > 1 THEN n ELSE x END AS widened
FROM t;
