#!/usr/bin/env python3
"""
test_datagen_restart.py - a bounded datagen job resumes exactly from a checkpoint.

datagen is deterministic for a seed, and its save_pos/restore_pos
(runtime/connector_datagen.c) carry the rows produced and every column's
generator state (PRNG words, sequence counter).  For each job below:
  1. an uninterrupted run without --state gives the reference output;
  2. the same command with --state and checkpoint.interval=20ms is SIGKILLed at
     seeded random moments and started again each time, then left to finish;
     the file sink must equal the reference byte for byte.
A restore that restarted the generator from the beginning, or lost a column's
PRNG state, would double or change rows after the sink is cut back to the
checkpointed length, so the comparison fails.  The test also checks that at
least one kill landed after a checkpoint (else it proved nothing) and that the
row counter in the checkpoint (part 0: five int64 counters, then the datagen
position: u32 columns, i64 limit, i64 rows produced) moved forward.

Jobs: a plain projection over random/sequence/values/null-rate columns of
every type (every row reaches the sink), a tumbling-window aggregate over the
timestamp sequence, and a throttled source (rows-per-second) whose resumed
clock must not stall or rerun rows.

usage: test_datagen_restart.py WEIR [SEED]
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import restart_driver  # noqa: E402

KILLS = 4

SOURCE = """CREATE SOURCE g (id BIGINT, k INT, x DOUBLE, s VARCHAR, c VARCHAR, b BOOLEAN, n INT,
                 ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'number-of-rows' = '%d', 'seed' = '42'%s,
        'fields.id.kind' = 'sequence', 'fields.id.min' = '1000',
        'fields.k.min' = '0', 'fields.k.max' = '99',
        'fields.x.min' = '-5', 'fields.x.max' = '5',
        'fields.s.length' = '12',
        'fields.c.values' = 'red, green, blue', 'fields.c.kind' = 'random',
        'fields.n.null-rate' = '0.3', 'fields.n.min' = '-1000', 'fields.n.max' = '1000',
        'fields.ts.step' = '7');
"""

JOBS = {
    "projection": (SOURCE % (80_000, "")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT id, k, x, s, c, b, n, ts FROM g;
""",
    "window": (SOURCE % (1_000_000, "")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT window_start, c, COUNT(*) AS cnt, SUM(k) AS sk, SUM(n) AS sn, MAX(s) AS ms
  FROM TABLE(TUMBLE(TABLE g, DESCRIPTOR(ts), INTERVAL '1' SECOND))
  GROUP BY window_start, window_end, c;
""",
    "throttled": (SOURCE % (3_000, ", 'rows-per-second' = '6000'")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT id, k, s, n, ts FROM g;
""",
}


if __name__ == "__main__":
    sys.exit(restart_driver.main(JOBS, KILLS, "row", "weir-dgrestart-", __doc__))
