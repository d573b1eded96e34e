-- [NOT] LIKE: % any run, _ exactly one character (UTF-8 aware: 'ü' is one), the
-- pattern may come from a column; ESCAPE makes the next % or _ literal.  NULL in, NULL out.
CREATE SOURCE t (id INT, s VARCHAR, p VARCHAR, n INT, m INT, x DOUBLE, ts TIMESTAMP, b BOOLEAN)
WITH (connector = 'file', path = 'f.jsonl', format = 'json');
SELECT id, s LIKE p AS col_pat, s LIKE '%o%' AS has_o, s NOT LIKE 'H%' AS not_h,
       s LIKE '_n_code' AS one_char, s LIKE '%\%' ESCAPE '\' AS ends_pct,
       CONCAT(s, '_%') LIKE '%!_!%' ESCAPE '!' AS lit_us_pct, s LIKE NULL AS pat_null
FROM t;
