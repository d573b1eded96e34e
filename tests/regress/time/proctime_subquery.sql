-- PROCTIME() in a subquery's select list is a processing-time attribute of the
-- subquery.  Simulated clock: row i (0-based) passes at 10:00:00 + i s:
-- b,1 @00  a,2 @01  a,4 @02  b,8 @03  a,16 @04.  A row the subquery's WHERE drops
-- still takes its tick (the clock is read as every row passes, as for a source's
-- PROCTIME() column).
SET 'debug.proctime.start' = '2024-05-11 10:00:00';
SET 'debug.proctime.step' = '1000';
CREATE SOURCE t (k VARCHAR, v INT)
WITH (connector = 'file', path = 'p.csv', format = 'csv');
-- TUMBLE 2 s over the rows with v > 1: a {@01} {@02} {@04}, b {@03}.
SELECT k, TUMBLE_START(p, INTERVAL '2' SECOND) AS ws, COUNT(*) AS c, SUM(v) AS s
FROM (SELECT k, v, PROCTIME() AS p FROM t WHERE v > 1)
GROUP BY k, TUMBLE(p, INTERVAL '2' SECOND);
-- HOP slide 2 s, size 4 s: a row at t is in [t' - 2, t' + 2) and [t', t' + 4), t' = t rounded down to 2 s.
SELECT k, HOP_START(p, INTERVAL '2' SECOND, INTERVAL '4' SECOND) AS hs, SUM(v) AS s
FROM (SELECT *, PROCTIME() AS p FROM t) AS x
GROUP BY k, HOP(p, INTERVAL '2' SECOND, INTERVAL '4' SECOND);
-- A view over a subquery keeps the attribute; the table function form over it.
CREATE VIEW sq AS SELECT q.k, q.p FROM (SELECT v, k, PROCTIME() AS p FROM t) AS q;
SELECT window_start, window_end, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE sq, DESCRIPTOR(p), INTERVAL '3' SECOND))
GROUP BY window_start, window_end;
-- Over a source that has its own PROCTIME() column, PROCTIME() reads the row's
-- time: every PROCTIME() of a row agrees and the clock moves once a row.
CREATE SOURCE u (k VARCHAR, v INT, pt AS PROCTIME())
WITH (connector = 'file', path = 'p.csv', format = 'csv');
SELECT k, pt, p2, p3 FROM (SELECT *, PROCTIME() AS p2, PROCTIME() + INTERVAL '1' SECOND AS p3 FROM u);
SELECT k, TUMBLE_START(p2, INTERVAL '2' SECOND) AS ws, SUM(v) AS s
FROM (SELECT k, v, PROCTIME() AS p2 FROM u) GROUP BY k, TUMBLE(p2, INTERVAL '2' SECOND);
