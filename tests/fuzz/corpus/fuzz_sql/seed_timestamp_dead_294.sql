-- Bad records: impossible timestamps: February 30, hour 25, month 13 (lines 3-5); February 29 2024 is fine.
-- on_error = 'dead_letter': each bad record goes to dead_letter.path as a JSON
-- line (source, position, reason, record; record_base64 when it holds NULs or bytes that are not UTF-8),
-- here /dev/stderr so the .err file shows them; good rows come out unchanged.
CREATE SOURCE t (id VARCHAR, ts TIMESTAMP)
  WITH (connector = 'file', path = 'timestamp.csv', format = 'csv', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, ts FROM t;
