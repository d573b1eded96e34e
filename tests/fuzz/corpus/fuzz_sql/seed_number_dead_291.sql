-- Bad records: numbers that are not: "x", "12..5", and 9999999999 for an INT (lines 3, 5, 6).
-- on_error = 'dead_letter': each bad record goes to dead_letter.path as a JSON
-- line (source, position, reason, record; record_base64 when it holds NULs or bytes that are not UTF-8),
-- here /dev/stderr so the .err file shows them; good rows come out unchanged.
CREATE SOURCE t (id VARCHAR, n INT, amount DOUBLE)
  WITH (connector = 'file', path = 'number.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, n, amount FROM t;
