-- Bad records: VARCHARs that are not valid UTF-8 (a stray 0xFF, an overlong form, a cut
-- sequence, a UTF-16 surrogate: lines 4-7) are malformed; good multi-byte text passes.
-- on_error = 'skip': bad records are counted and their positions listed in the
-- summary (the .err file); every good row comes out unchanged.
CREATE SOURCE t (id VARCHAR, n INT)
  WITH (connector = 'file', path = 'utf8.csv', format = 'csv', on_error = 'skip');
SELECT id, n FROM t;
