-- Bad records: an unterminated quoted field (line 4): RFC 4180 lets a quoted field run over
-- line ends, so it takes the rest of the file (line 5 too) as one bad record.
-- on_error = 'dead_letter': each bad record goes to dead_letter.path as a JSON
-- line (source, position, reason, record; record_base64 when it holds NULs or bytes that are not UTF-8),
-- here /dev/stderr so the .err file shows them; good rows come out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'unterminated.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, n FROM t;
