-- A dead-letter file is JSON lines that weir itself reads back: the lines of
-- dead_letters.jsonl are exactly what utf8_dead, nul_dead and unterminated_dead
-- write (see their .err files).  Bytes that are not UTF-8 and NULs read as
-- U+FFFD in "record", and record_base64 keeps the exact bytes; a quoted line
-- end comes back as a line end.
CREATE SOURCE dl (source VARCHAR, position VARCHAR, reason VARCHAR, record VARCHAR,
                  record_base64 VARCHAR)
  WITH (connector = 'file', path = 'dead_letters.jsonl', format = 'json');
SELECT position, record, record_base64, CHAR_LENGTH(record) AS len FROM dl;
