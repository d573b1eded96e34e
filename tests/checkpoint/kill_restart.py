#!/usr/bin/env python3
"""
kill_restart.py - end-to-end test of exactly-once checkpoints (issue 6).

For a windowed job (TUMBLE + HAVING, COUNT DISTINCT, VARCHAR MAX), a HOP and a
CUMULATE job (slices shared by several windows), a session-window job and a
changelog job (GROUP BY with HAVING, so rows are retracted), each reading a CSV
file of 200k rows into a file sink:
  1. an uninterrupted run without --state gives the reference output;
  2. the same command with --state and checkpoint.interval=20ms is SIGKILLed at
     seeded random moments and started again each time, then left to finish;
     the sink file must equal the reference byte for byte.
After every kill that left a checkpoint, the bytes of the input before the
checkpointed source offset are scrambled (every digit changed, so any record
read from there is malformed and fails the job): a restart that re-read them
instead of resuming at the offset would fail or differ.  The offset is read
from the state file (part 0 of the job, its global blob, grp = -1: five int64
counters, then the file source's byte offset; see pipeline_snapshot and
connector_file.c).
Then the refused cases: a different job on the same state file, a file that is
not sqlite3, a sqlite3 file that is not a weir state file, a damaged blob, one
damaged key group blob among intact ones; and
--reset-state starting over.

usage: kill_restart.py WEIR [SEED]
"""
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time

ROWS = 200_000
KILLS = 6

SOURCE = """CREATE SOURCE ev (id VARCHAR, ts TIMESTAMP(3), amount DOUBLE, note VARCHAR,
                  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)
  WITH (connector = 'file', path = 'ev.csv', format = 'csv');
"""

JOBS = {
    "window": SOURCE + """CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT window_start, window_end, id, COUNT(*) AS c, SUM(amount) AS total,
         COUNT(DISTINCT note) AS notes, MAX(note) AS maxnote
  FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, id
  HAVING COUNT(*) > 1;
""",
    "hop": SOURCE + """CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT window_start, window_end, id, COUNT(*) AS c, SUM(CAST(amount AS BIGINT)) AS total, MAX(note) AS maxnote
  FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, id;
""",
    "cumulate": SOURCE + """CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT window_start, window_end, id, COUNT(*) AS c, COUNT(DISTINCT note) AS notes
  FROM TABLE(CUMULATE(TABLE ev, DESCRIPTOR(ts), INTERVAL '3' SECOND, INTERVAL '12' SECOND))
  GROUP BY window_start, window_end, id
  HAVING COUNT(*) > 1;
""",
    "session": SOURCE + """CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT id, SESSION_START(ts, INTERVAL '5' SECOND) AS s, SESSION_END(ts, INTERVAL '5' SECOND) AS e,
         COUNT(*) AS c, SUM(amount) AS total, MIN(note) AS minnote
  FROM ev
  GROUP BY id, SESSION(ts, INTERVAL '5' SECOND);
""",
    "changelog": SOURCE + """CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT id, COUNT(*) AS c, SUM(amount) AS total, COUNT(DISTINCT note) AS notes
  FROM ev
  GROUP BY id
  HAVING COUNT(*) < 600;
""",
}


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def gen_input(path, seed):
    r = random.Random(seed)
    t = 1715421600000
    with open(path, "w") as f:
        f.write("id,ts,amount,note\n")
        for _ in range(ROWS):
            t += r.randint(0, 40)
            ts = t - r.randint(0, 3000)   # disorder, some beyond the 2 s delay: late rows
            s, ms = divmod(ts, 1000)
            f.write("u%d,%s.%03d,%.2f,n%d\n" % (r.randint(0, 300),
                    time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(s)), ms, r.uniform(0, 100), r.randint(0, 20)))


def run(weir, cwd, args, timeout=120):
    return subprocess.run([weir, "--quiet"] + args + ["job.sql"], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def job_state(db):
    """(status, source offset) of job 0, or (None, None)."""
    if not os.path.exists(db):
        return None, None
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT status FROM weir_job WHERE idx = 0").fetchone()
        if not row:
            return None, None
        part = con.execute("SELECT data FROM weir_part WHERE idx = 0 AND part = 0 AND grp = -1").fetchone()
        off = struct.unpack_from("<q", part[0], 40)[0] if part else None
        return row[0], off
    except sqlite3.OperationalError:   # killed before the tables were made
        return None, None
    finally:
        con.close()


def scramble_before(path, off):
    """Changes every digit in bytes [0, off) of path."""
    with open(path, "r+b") as f:
        head = bytearray(f.read(off))
        for i, b in enumerate(head):
            if 48 <= b <= 57:
                head[i] = 48 + (b - 48 + 1) % 10
        f.seek(0)
        f.write(head)


def setup(base, name, data):
    d = os.path.join(base, name)
    os.makedirs(d, exist_ok=True)
    shutil.copy(data, os.path.join(d, "ev.csv"))
    with open(os.path.join(d, "job.sql"), "w") as f:
        f.write(JOBS[name.split("-")[0]])
    return d


def check_job(weir, base, data, name, rng):
    ref_dir = setup(base, name + "-ref", data)
    t0 = time.time()
    p = run(weir, ref_dir, [])
    t_ref = time.time() - t0
    if p.returncode != 0:
        fail("%s: reference run failed: %s" % (name, p.stderr))
    ref = open(os.path.join(ref_dir, "out.csv"), "rb").read()
    if ref.count(b"\n") < 1000:
        fail("%s: reference output too small (%d lines)" % (name, ref.count(b"\n")))

    d = setup(base, name + "-ckpt", data)
    db = os.path.join(d, "state.db")
    cmd = [weir, "--quiet", "--state", "state.db", "--set", "checkpoint.interval=20ms", "job.sql"]
    resumed = 0
    finished = False
    for _ in range(KILLS):
        proc = subprocess.Popen(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        delay = rng.uniform(0.02, max(0.1, 0.6 * t_ref))
        try:
            proc.wait(timeout=delay)
            if proc.returncode != 0:
                fail("%s: a restarted run failed (rc %d): %s" % (name, proc.returncode, proc.stderr.read()))
            finished = True
            proc.stderr.close()
            break
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            proc.stderr.close()
        status, off = job_state(db)
        if status == "finished":   # killed while exiting: the output is complete
            finished = True
            break
        if status == "running" and off:
            scramble_before(os.path.join(d, "ev.csv"), off)
            resumed += 1
    if not finished:
        p = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=300)
        if p.returncode != 0:
            fail("%s: the final run failed (rc %d): %s" % (name, p.returncode, p.stderr))
    out = open(os.path.join(d, "out.csv"), "rb").read()
    if out != ref:
        fail("%s: output after %d kills differs from the uninterrupted run (%d vs %d bytes)"
             % (name, resumed, len(out), len(ref)))
    if resumed == 0:
        fail("%s: no kill landed after a checkpoint: the test proved nothing" % name)
    status, _ = job_state(db)
    if status != "finished":
        fail("%s: the job is not recorded as finished (%s)" % (name, status))
    print("ok %s: identical output after %d restores (%d bytes)" % (name, resumed, len(ref)))
    return ref_dir, ref


def expect_refusal(weir, cwd, args, rc, text, what):
    p = run(weir, cwd, args)
    if p.returncode != rc or text not in p.stderr:
        fail("%s: expected exit %d and '%s', got %d: %s" % (what, rc, text, p.returncode, p.stderr))
    print("ok refused: %s: %s" % (what, p.stderr.strip()))


def check_refusals(weir, base, data, ref):
    d = setup(base, "window-refuse", data)
    db = os.path.join(d, "state.db")
    # A checkpoint left by a stopped job (SIGTERM: a final checkpoint, open windows not emitted).
    proc = subprocess.Popen([weir, "--quiet", "--state", "state.db", "--set", "checkpoint.interval=1h", "job.sql"],
                            cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # once the job runs (its first rows are out: the signal handler is in place)
    out_csv = os.path.join(d, "out.csv")
    t0 = time.time()
    while proc.poll() is None and time.time() - t0 < 60 and not (
            os.path.exists(out_csv) and os.path.getsize(out_csv) > 0):
        time.sleep(0.005)
    time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    status, off = job_state(db)
    if status != "running" or not off:
        fail("SIGTERM: no final checkpoint (%s, %s)" % (status, off))
    partial = open(os.path.join(d, "out.csv"), "rb").read()
    if not ref.startswith(partial) or len(partial) >= len(ref):
        fail("SIGTERM: the output so far is not a strict prefix of the reference")
    print("ok SIGTERM: final checkpoint at byte %d of the input" % off)

    # Another job on this state file.
    with open(os.path.join(d, "job.sql"), "a") as f:
        f.write("-- changed\n")
    other = JOBS["window"].replace("COUNT(*) > 1", "COUNT(*) > 2")
    with open(os.path.join(d, "job.sql"), "w") as f:
        f.write(other)
    expect_refusal(weir, d, ["--state", "state.db"], 1, "holds a checkpoint of a different job", "other job")
    with open(os.path.join(d, "job.sql"), "w") as f:
        f.write(JOBS["window"])

    # A damaged blob in a valid sqlite3 file.
    shutil.copy(db, db + ".keep")
    con = sqlite3.connect(db)
    con.execute("UPDATE weir_part SET data = x'0102' WHERE idx = 0 AND part = 3")
    con.commit()
    con.close()
    expect_refusal(weir, d, ["--state", "state.db"], 3, "cannot restore job 1", "damaged blob")

    # One damaged key group blob among intact ones (cut short by 3 bytes).
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(db + ext):
            os.unlink(db + ext)
    shutil.copy(db + ".keep", db)
    con = sqlite3.connect(db)
    ngroups = con.execute("SELECT COUNT(*) FROM weir_part WHERE idx = 0 AND grp >= 0").fetchone()[0]
    if ngroups < 2:
        fail("the window job's state has %d key group blobs; want several" % ngroups)
    con.execute("UPDATE weir_part SET data = substr(data, 1, length(data) - 3) WHERE idx = 0 AND grp = "
                "(SELECT MAX(grp) FROM weir_part WHERE idx = 0 AND grp >= 0 AND length(data) > 3)")
    con.commit()
    con.close()
    expect_refusal(weir, d, ["--state", "state.db"], 3, "(key group", "damaged key group blob")

    # Not sqlite3 at all.
    with open(db, "wb") as f:
        f.write(b"this is not a database, just some text that is long enough for sqlite to look at" * 3)
    for ext in ("-wal", "-shm"):
        if os.path.exists(db + ext):
            os.unlink(db + ext)
    expect_refusal(weir, d, ["--state", "state.db"], 3, "is damaged or not a sqlite3 file", "damaged file")

    # sqlite3, but not ours.
    other_db = os.path.join(d, "other.db")
    con = sqlite3.connect(other_db)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    expect_refusal(weir, d, ["--state", "other.db"], 3, "is not a weir state file", "foreign sqlite3 file")

    # --reset-state starts over and finishes with the full output.
    p = run(weir, d, ["--state", "state.db", "--reset-state"])
    if p.returncode != 0:
        fail("--reset-state: %s" % p.stderr)
    if open(os.path.join(d, "out.csv"), "rb").read() != ref:
        fail("--reset-state: output differs from the uninterrupted run")
    print("ok --reset-state")

    # A finished job run again starts from the beginning (same output).
    p = run(weir, d, ["--state", "state.db"])
    if p.returncode != 0 or open(os.path.join(d, "out.csv"), "rb").read() != ref:
        fail("re-running a finished job: %s" % p.stderr)
    print("ok finished job re-runs from the start")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    weir = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    rng = random.Random(seed)
    base = tempfile.mkdtemp(prefix="weir-ckpt-")
    try:
        data = os.path.join(base, "ev.csv")
        gen_input(data, seed)
        refs = {}
        for name in ("window", "hop", "cumulate", "session", "changelog"):
            refs[name] = check_job(weir, base, data, name, rng)
        check_refusals(weir, base, data, refs["window"][1])
    finally:
        if os.environ.get("WEIR_KEEP_TMP"):
            print("kept " + base)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
