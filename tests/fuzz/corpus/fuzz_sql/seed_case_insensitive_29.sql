-- Keywords in any case.
create source T (Key varchar, "count" int, ts timestamp, watermark for ts as ts - interval '1' second)
with (connector = 'file', path = 'cs.csv', format = 'csv');
sElEcT key, Count(*) AS n, sum("count") aS s
FrOm t
gRoUp By key, tUmBlE(ts, InTeRvAl '10' sEcOnD)
HaViNg Count(*) >= 1;
