"""
restart_driver.py - the kill-and-resume driver shared by the generator
connectors' checkpoint tests (tests/cli/test_datagen_restart.py,
tests/nexmark/test_restart.py).

For each job (name -> SQL writing a file sink out.csv):
  1. an uninterrupted run without --state gives the reference output;
  2. the same command with --state and checkpoint.interval=20ms is SIGKILLed at
     seeded random moments and started again each time, then left to finish;
     the sink must equal the reference byte for byte.
It checks that at least one kill landed after a checkpoint (else the attempt
proved nothing and is repeated) and that the source's position counter in the
checkpoint never went back.
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

POS_OFFSET = 40 + 4 + 8   # see produced()


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def produced(db):
    """(status, the source position counter at the last checkpoint) of job 0, or
    (None, None).  The counter is the int64 at POS_OFFSET in part 0: five int64
    counters (pipeline_snapshot), then the generator's position (u32, i64 limit,
    i64 rows or events produced)."""
    if not os.path.exists(db):
        return None, None
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT status FROM weir_job WHERE idx = 0").fetchone()
        if not row:
            return None, None
        part = con.execute("SELECT data FROM weir_part WHERE idx = 0 AND part = 0 AND grp = -1").fetchone()
        n = struct.unpack_from("<q", part[0], POS_OFFSET)[0] if part else None
        return row[0], n
    except sqlite3.OperationalError:   # killed before the state file had its tables
        return None, None
    finally:
        con.close()


def check_job(weir, base, name, sql, rng, kills, unit):
    ref_dir = os.path.join(base, name + "-ref")
    d = os.path.join(base, name + "-ckpt")
    for x in (ref_dir, d):
        os.makedirs(x)
        with open(os.path.join(x, "job.sql"), "w") as f:
            f.write(sql)
    t0 = time.time()
    p = subprocess.run([weir, "--quiet", "job.sql"], cwd=ref_dir, capture_output=True, text=True, timeout=120)
    t_ref = time.time() - t0
    if p.returncode != 0:
        fail("%s: reference run failed: %s" % (name, p.stderr))
    ref = open(os.path.join(ref_dir, "out.csv"), "rb").read()
    if ref.count(b"\n") < 100:
        fail("%s: reference output too small (%d lines)" % (name, ref.count(b"\n")))

    db = os.path.join(d, "state.db")
    cmd = [weir, "--quiet", "--state", "state.db", "--set", "checkpoint.interval=20ms", "job.sql"]
    # A fast machine may finish a run before any kill lands after a checkpoint:
    # then the attempt proved nothing and is repeated from scratch (a few times).
    for attempt in range(4):
        for f in ("state.db", "state.db-wal", "state.db-shm", "out.csv"):
            if os.path.exists(os.path.join(d, f)):
                os.unlink(os.path.join(d, f))
        resumed, finished, last = 0, False, -1
        for _ in range(kills):
            proc = subprocess.Popen(cmd, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            delay = 0.02 + rng.uniform(0.1, 0.6) * t_ref
            try:
                proc.wait(timeout=delay)
                if proc.returncode != 0:
                    fail("%s: a restarted run failed (rc %d): %s" % (name, proc.returncode, proc.stderr.read()))
                proc.stderr.close()
                finished = True
                break
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                proc.stderr.close()
            status, n = produced(db)
            if status == "finished":
                finished = True
                break
            if status == "running" and n:
                if n < last:
                    fail("%s: the checkpointed %s number went back (%d after %d)" % (name, unit, n, last))
                last = n
                resumed += 1
        if not finished:
            p = subprocess.run(cmd, cwd=d, capture_output=True, text=True, timeout=120)
            if p.returncode != 0:
                fail("%s: the final run failed (rc %d): %s" % (name, p.returncode, p.stderr))
        out = open(os.path.join(d, "out.csv"), "rb").read()
        if out != ref:
            fail("%s: output after %d restores differs from the uninterrupted run (%d vs %d bytes)"
                 % (name, resumed, len(out), len(ref)))
        if resumed:
            break
    if resumed == 0:
        fail("%s: no kill landed after a checkpoint in 4 attempts: the test proved nothing" % name)
    print("ok %s: identical output after %d restores (%d bytes, last checkpoint at %s %d; reference %.0f ms)"
          % (name, resumed, len(ref), unit, last, t_ref * 1000))


def main(jobs, kills, unit, prefix, doc):
    if len(sys.argv) < 2:
        print(doc, file=sys.stderr)
        return 2
    weir = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = random.Random(seed)
    base = tempfile.mkdtemp(prefix=prefix)
    try:
        for name, sql in jobs.items():
            check_job(weir, base, name, sql, rng, kills, unit)
    finally:
        if os.environ.get("WEIR_KEEP_TMP"):
            print("kept " + base)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0
