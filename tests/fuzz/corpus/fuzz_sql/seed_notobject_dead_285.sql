-- Bad records: JSON lines that are not objects (an array, a string, a number, null: lines
-- 2-5), invalid JSON (line 7) and a bad value (line 8).
-- on_error = 'dead_letter': each bad record goes to dead_letter.path as a JSON
-- line (source, position, reason, record; record_base64 when it holds NULs or bytes that are not UTF-8),
-- here /dev/stderr so the .err file shows them; good rows come out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'notobject.jsonl', format = 'json', on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, n FROM t;
