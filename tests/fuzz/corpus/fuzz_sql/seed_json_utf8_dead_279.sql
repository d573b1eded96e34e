-- Bad records: JSON strings: invalid UTF-8 (line 2) and an escaped NUL (line 3) are malformed;
-- escapes and surrogate pairs decode (line 4).
-- on_error = 'dead_letter': each bad record goes to dead_letter.path as a JSON
-- line (source, position, reason, record; record_base64 when it holds NULs or bytes that are not UTF-8),
-- here /dev/stderr so the .err file shows them; good rows come out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'json_utf8.jsonl', format = 'json', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, n FROM t;
