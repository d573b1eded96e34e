#!/usr/bin/env python3
"""
stdout_many_keys.py - two more checkpoint tests beside kill_restart.py (issue 6).

1. stdout is at-least-once.  A windowed SELECT printed to stdout (csv) with
   --state and checkpoint.interval=20ms is SIGKILLed at seeded random moments
   and started again each time, then left to finish.  Each run's output (its
   header and a line cut by the kill dropped) must be a contiguous stretch of
   the uninterrupted run's output, starting exactly at the row count of the
   checkpoint it resumed from (part 0's rows_out: what was flushed before that
   checkpoint counted it), and the stretches must cover the whole output in
   order without a gap: rows may repeat, none may be missing.
2. Many keys, few changing.  A TUMBLE of one hour over 100,000 keys (the
   first 100k rows, one per key) followed by 300k rows over 5 keys, into a
   file sink: killed at seeded moments (or once a checkpoint is a quarter
   into the tail), then once the checkpointed source offset is past the
   100k keys, and restarted.  The output must equal the
   uninterrupted run's byte for byte, and the last run's checkpoints must have
   written a small part of the state (its summary line "last wrote N" against
   the size of the blobs in the state file): only the key groups of the 5 hot
   keys change.

usage: stdout_many_keys.py WEIR [SEED]
"""
import os
import random
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_restart import fail, gen_input, job_state, scramble_before  # noqa: E402

KILLS = 5

SELECT_JOB = """CREATE SOURCE ev (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, note VARCHAR,
                  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH (connector = 'file', path = 'ev.csv', format = 'csv');
SELECT window_start, id, COUNT(*) AS c, SUM(amount) AS total, MAX(note) AS maxnote
  FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, id;
"""

KEYS_JOB = """CREATE SOURCE ev (id VARCHAR, ts TIMESTAMP(3), amount BIGINT,
                  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH (connector = 'file', path = 'ev.csv', format = 'csv');
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT window_start, id, COUNT(*) AS c, SUM(amount) AS total
  FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR))
  GROUP BY window_start, window_end, id;
"""
NKEYS = 100_000
TAIL = 300_000
HOT = 5


def rows_out(db):
    """part 0's rows_out counter (the second int64 of its global blob), or None."""
    if not os.path.exists(db):
        return None
    con = sqlite3.connect(db)
    try:
        part = con.execute("SELECT data FROM weir_part WHERE idx = 0 AND part = 0 AND grp = -1").fetchone()
        return struct.unpack_from("<q", part[0], 8)[0] if part else None
    except sqlite3.OperationalError:   # killed before the tables were made
        return None
    finally:
        con.close()


def lines_of(data, killed):
    """The complete rows of one run's stdout: header dropped, and when the run
    was killed the last line if the kill cut it."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif killed and lines:
        lines.pop()   # cut mid-line
    elif lines:
        fail("stdout: an uninterrupted run ended without a newline")
    if lines and lines[0].startswith(b"window_start,"):
        lines.pop(0)
    return lines


def check_stdout(weir, base, data, rng):
    d = os.path.join(base, "stdout")
    os.makedirs(d)
    shutil.copy(data, os.path.join(d, "ev.csv"))
    with open(os.path.join(d, "job.sql"), "w") as f:
        f.write(SELECT_JOB)
    t0 = time.time()
    p = subprocess.run([weir, "--quiet", "--format", "csv", "job.sql"], cwd=d, capture_output=True, timeout=120)
    t_ref = time.time() - t0
    if p.returncode != 0:
        fail("stdout: reference run failed: %s" % p.stderr.decode())
    ref = lines_of(p.stdout, False)
    index = {line: i for i, line in enumerate(ref)}
    if len(index) != len(ref) or len(ref) < 1000:
        fail("stdout: the reference rows are not unique or too few (%d)" % len(ref))

    cmd = [weir, "--quiet", "--format", "csv", "--state", "state.db", "--set", "checkpoint.interval=20ms", "job.sql"]
    db = os.path.join(d, "state.db")
    covered = 0        # ref[0:covered] has been printed by some run
    start = 0          # where the next run must start: the checkpoint's rows_out
    resumed = dups = 0
    finished = False
    for k in range(KILLS + 1):
        out_path = os.path.join(d, "out%d.csv" % k)
        with open(out_path, "wb") as out:
            proc = subprocess.Popen(cmd, cwd=d, stdout=out, stderr=subprocess.PIPE)
            killed = False
            try:
                proc.wait(timeout=rng.uniform(0.02, max(0.1, 0.6 * t_ref)) if k < KILLS else 300)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed = True
            err = proc.stderr.read().decode()
            proc.stderr.close()
        if not killed and proc.returncode != 0:
            fail("stdout: run %d failed (rc %d): %s" % (k, proc.returncode, err))
        run = lines_of(open(out_path, "rb").read(), killed)
        if run:
            s = index.get(run[0])
            if s is None or ref[s:s + len(run)] != run:
                fail("stdout: run %d's output is not a contiguous stretch of the reference" % k)
            if s != start:
                fail("stdout: run %d starts at row %d, its checkpoint had handed out %d" % (k, s, start))
            if s > covered:
                fail("stdout: rows %d..%d are missing (run %d starts at %d)" % (covered, s - 1, k, s))
            dups += max(0, covered - s)
            covered = max(covered, s + len(run))
        status, off = job_state(db)
        if not killed or status == "finished":
            finished = True
            break
        n = rows_out(db)
        start = n if status == "running" and n is not None else 0
        if status == "running" and off:
            scramble_before(os.path.join(d, "ev.csv"), off)
            resumed += 1
    if not finished:
        fail("stdout: the last run did not finish")
    if covered != len(ref):
        fail("stdout: %d of %d rows were printed" % (covered, len(ref)))
    if resumed == 0:
        fail("stdout: no kill landed after a checkpoint: the test proved nothing")
    print("ok stdout: every row printed, in order, after %d restores (%d rows printed twice)" % (resumed, dups))


def stamp(ms):
    s, ms = divmod(ms, 1000)
    return "%s.%03d" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(s)), ms)


def gen_keys(path, seed):
    """100k keys, one row each, then TAIL rows over HOT keys, all within one
    hour from 10:00:00; returns the byte offset where the tail starts."""
    r = random.Random(seed)
    t = 1715421600000
    with open(path, "w") as f:
        f.write("id,ts,amount\n")
        for i in range(NKEYS):
            f.write("k%d,%s,%d\n" % (i, stamp(t + i), r.randint(0, 99)))
        head = f.tell()
        for j in range(TAIL):
            f.write("k%d,%s,%d\n" % (r.randint(0, HOT - 1) * 7919, stamp(t + NKEYS + j), r.randint(0, 99)))
    return head


def check_many_keys(weir, base, rng, seed):
    ref_dir = os.path.join(base, "keys-ref")
    d = os.path.join(base, "keys")
    for x in (ref_dir, d):
        os.makedirs(x)
        with open(os.path.join(x, "job.sql"), "w") as f:
            f.write(KEYS_JOB)
    head = gen_keys(os.path.join(ref_dir, "ev.csv"), seed)
    shutil.copy(os.path.join(ref_dir, "ev.csv"), os.path.join(d, "ev.csv"))
    t0 = time.time()
    p = subprocess.run([weir, "--quiet", "job.sql"], cwd=ref_dir, capture_output=True, text=True, timeout=120)
    t_ref = time.time() - t0
    if p.returncode != 0:
        fail("many keys: reference run failed: %s" % p.stderr)
    ref = open(os.path.join(ref_dir, "out.csv"), "rb").read()
    if ref.count(b"\n") < NKEYS:
        fail("many keys: reference output too small (%d lines)" % ref.count(b"\n"))

    db = os.path.join(d, "state.db")
    cmd = [weir, "--quiet", "--state", "state.db", "--set", "checkpoint.interval=20ms", "job.sql"]
    resumed = 0
    start_off = 0
    size = os.path.getsize(os.path.join(d, "ev.csv"))
    # Each run is killed after a checkpoint of its own, at a seeded moment or
    # once a checkpoint is a quarter into the tail (so that the last run
    # still has checkpoints to take); the third once one is past the 100k keys.
    for k in range(3):
        proc = subprocess.Popen(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        delay = rng.uniform(0.02, max(0.05, 0.5 * t_ref)) if k < 2 else 120
        limit = head + (size - head) // 4 if k < 2 else head
        t0 = time.time()
        while proc.poll() is None and time.time() - t0 < 120:
            status, off = job_state(db)
            # after a checkpoint of this run's (when it resumed, one further on)
            if status == "running" and off and off > start_off and (off > limit or time.time() - t0 >= delay):
                break
            time.sleep(0.003)
        if proc.poll() is not None:
            fail("many keys: a run ended before it was killed (rc %d): %s" % (proc.returncode, proc.stderr.read()))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        status, off = job_state(db)
        if status == "running" and off:
            scramble_before(os.path.join(d, "ev.csv"), off)
            resumed += 1
            start_off = off
    status, off = job_state(db)
    if status != "running" or off <= head:
        fail("many keys: the last kill left no checkpoint past the keys (%s, %s)" % (status, off))
    con = sqlite3.connect(db)
    full, nblobs = con.execute("SELECT SUM(LENGTH(data)), COUNT(*) FROM weir_part WHERE idx = 0").fetchone()
    con.close()
    # (the interval is no part of the job's fingerprint: a short one makes sure
    # this last stretch takes checkpoints)
    p = subprocess.run([weir, "--state", "state.db", "--set", "checkpoint.interval=2ms", "job.sql"], cwd=d,
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail("many keys: the final run failed (rc %d): %s" % (p.returncode, p.stderr))
    if open(os.path.join(d, "out.csv"), "rb").read() != ref:
        fail("many keys: output after %d restores differs from the uninterrupted run" % resumed)
    m = re.search(r"-- (\d+) checkpoints?, [\d.]+ ms each on average, last wrote ([\d.]+) (bytes|KiB|MiB)", p.stderr)
    if not m:
        fail("many keys: the final run took no checkpoint (or printed no summary): %s" % p.stderr)
    last = float(m.group(2)) * {"bytes": 1, "KiB": 1024, "MiB": 1024 * 1024}[m.group(3)]
    if last * 4 > full:
        fail("many keys: a checkpoint wrote %d bytes of a %d-byte state: not incremental" % (last, full))
    print("ok many keys: identical output after %d restores; state %d bytes in %d blobs, the last checkpoint "
          "(of %s) wrote %d" % (resumed, full, nblobs, m.group(1), last))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    weir = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    rng = random.Random(seed)
    base = tempfile.mkdtemp(prefix="weir-ckpt2-")
    try:
        data = os.path.join(base, "ev.csv")
        gen_input(data, seed)
        check_stdout(weir, base, data, rng)
        check_many_keys(weir, base, rng, seed)
    finally:
        if os.environ.get("WEIR_KEEP_TMP"):
            print("kept " + base)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
