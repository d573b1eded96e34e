-- IS [NOT] NULL and IS [NOT] TRUE / FALSE never return NULL.  WHERE keeps a row
-- only when the condition is TRUE (NULL drops it).
CREATE SOURCE l (a BOOLEAN, b BOOLEAN) WITH (connector = 'file', path = 'l.jsonl', format = 'json');
SELECT a, a IS NULL AS n, a IS NOT NULL AS nn, a IS TRUE AS t, a IS NOT TRUE AS nt,
       a IS FALSE AS f, a IS NOT FALSE AS nf
FROM l WHERE b IS NULL;
SELECT a, b FROM l WHERE a OR b;
