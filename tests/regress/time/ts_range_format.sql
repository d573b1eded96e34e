-- timestamp.format '%s' (epoch seconds) reaches beyond year 9999: such a field is
-- malformed like any other, here skipped (lines 3, 5, 6).
CREATE SOURCE t (id INT, ts TIMESTAMP(3))
WITH (connector = 'file', path = 'ts_range_epoch_s.csv', format = 'csv', 'timestamp.format' = '%s',
      on_error = 'dead_letter', dead_letter.path = '/dev/stderr');
SELECT id, ts FROM t;
