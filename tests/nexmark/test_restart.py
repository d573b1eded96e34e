#!/usr/bin/env python3
"""
test_restart.py - a bounded job over the nexmark connector resumes exactly
from a checkpoint (ctest nexmark/restart).

The nexmark connector's values depend only on (seed, event number, field), so
its save_pos/restore_pos (runtime/connector_nexmark.c) carry just the next
event number (after the table and the events limit).  For each job below:
  1. an uninterrupted run without --state gives the reference output;
  2. the same command with --state and checkpoint.interval=20ms is SIGKILLed at
     seeded random moments and started again each time, then left to finish;
     the file sink must equal the reference byte for byte.
A restore that restarted at event 0, skipped events or lost where it stood
would double, drop or change rows, so the comparison fails.  The test checks
that at least one kill landed after a checkpoint and that the event number in
the checkpoint (part 0: five int64 counters, then u32 table, i64 events limit,
i64 next event) never went back.  The driver is tests/cli/test_datagen_restart.py's.

Jobs: q0 over every bid column (every bid reaches the sink), q11's sessions over
bids at 1000 events per second of event time (state across the restart), and a
throttled person source (events-per-second) whose resumed clock must not stall.

usage: test_restart.py WEIR [SEED]
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

KILLS = 4

BID = """CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,
    `dateTime` TIMESTAMP(3), extra VARCHAR,
    WATERMARK FOR `dateTime` AS `dateTime` - INTERVAL '4' SECOND)
  WITH ('connector' = 'nexmark', 'nexmark.table' = 'bid', 'events' = '%d', 'seed' = '11'%s);
"""

JOBS = {
    "q0": (BID % (150_000, "")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT auction, bidder, price, channel, url, `dateTime`, extra FROM bid;
""",
    "q11": (BID % (400_000, ", 'nexmark.event-time-rate' = '1000'")) + """
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT B.bidder, count(*) as bid_count,
         SESSION_START(B.`dateTime`, INTERVAL '10' SECOND) as starttime,
         SESSION_END(B.`dateTime`, INTERVAL '10' SECOND) as endtime
  FROM bid B
  GROUP BY B.bidder, SESSION(B.`dateTime`, INTERVAL '10' SECOND);
""",
    "throttled": """CREATE TABLE person (id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR,
    city VARCHAR, state VARCHAR, `dateTime` TIMESTAMP(3), extra VARCHAR)
  WITH ('connector' = 'nexmark', 'nexmark.table' = 'person', 'events' = '20000', 'seed' = '3',
        'events-per-second' = '40000');
CREATE SINK out WITH (connector = 'file', path = 'out.csv', format = 'csv') AS
  SELECT * FROM person;
""",
}


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def produced(db):
    """(status, next event number at the last checkpoint) of job 0, or (None, None)."""
    if not os.path.exists(db):
        return None, None
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT status FROM weir_job WHERE idx = 0").fetchone()
        if not row:
            return None, None
        part = con.execute("SELECT data FROM weir_part WHERE idx = 0 AND part = 0").fetchone()
        n = struct.unpack_from("<q", part[0], 40 + 4 + 8)[0] if part else None
        return row[0], n
    except sqlite3.OperationalError:   # killed before the state file had its tables
        return None, None
    finally:
        con.close()


def check_job(weir, base, name, rng):
    ref_dir = os.path.join(base, name + "-ref")
    d = os.path.join(base, name + "-ckpt")
    for x in (ref_dir, d):
        os.makedirs(x)
        with open(os.path.join(x, "job.sql"), "w") as f:
            f.write(JOBS[name])
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
        for _ in range(KILLS):
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
                    fail("%s: the checkpointed event number went back (%d after %d)" % (name, n, last))
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
    print("ok %s: identical output after %d restores (%d bytes, last checkpoint at event %d; reference %.0f ms)"
          % (name, resumed, len(ref), last, t_ref * 1000))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    weir = os.path.abspath(sys.argv[1])
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = random.Random(seed)
    base = tempfile.mkdtemp(prefix="weir-nxrestart-")
    try:
        for name in JOBS:
            check_job(weir, base, name, rng)
    finally:
        if os.environ.get("WEIR_KEEP_TMP"):
            print("kept " + base)
        else:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
