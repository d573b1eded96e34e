-- PROCTIME() in a view's select list is a processing-time attribute of the
-- view (Flink's CREATE VIEW v AS SELECT *, PROCTIME() AS pt FROM src), usable in
-- every window form.  Simulated clock: row i (0-based) has pt = 10:00:00 + i s,
-- so the rows are b,1 @00  a,2 @01  a,4 @02  b,8 @03  a,16 @04.
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1000';
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'p.csv', format = 'csv');
CREATE VIEW w AS SELECT *, PROCTIME() AS pt FROM t;
SELECT * FROM w;
-- TUMBLE 2 s (table function): {b1, a2}, {a4, b8}, {a16}.
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(pt), INTERVAL '2' SECOND))
GROUP BY window_start, window_end;
-- TUMBLE 2 s (GROUP BY form), per k.
SELECT k, TUMBLE_START(pt, INTERVAL '2' SECOND) AS ws, SUM(v) AS s
FROM w GROUP BY k, TUMBLE(pt, INTERVAL '2' SECOND);
-- HOP slide 1 s, size 2 s: a row at t is in [t-1, t+1) and [t, t+2).
SELECT window_start, window_end, k, SUM(v) AS s
FROM TABLE(HOP(TABLE w, DESCRIPTOR(pt), INTERVAL '1' SECOND, INTERVAL '2' SECOND))
GROUP BY window_start, window_end, k;
-- CUMULATE step 1 s, size 3 s: [00,01) [00,02) [00,03), then [03,04) [03,05) [03,06).
SELECT window_start, window_end, COUNT(*) AS c, SUM(v) AS s
FROM TABLE(CUMULATE(TABLE w, DESCRIPTOR(pt), INTERVAL '1' SECOND, INTERVAL '3' SECOND))
GROUP BY window_start, window_end;
-- SESSION gap 1.5 s per k: b {@00} {@03}; a {@01, @02} {@04}.
SELECT k, SESSION_START(pt, INTERVAL '1.5' SECOND) AS ss, SESSION_END(pt, INTERVAL '1.5' SECOND) AS se, SUM(v) AS s
FROM w GROUP BY k, SESSION(pt, INTERVAL '1.5' SECOND);
