#!/usr/bin/env python3
"""measure.py - runs one benchmark command a few times and reports its cost.

Where it sits: bench/run.sh calls it for the limit and for weir.  Each run's
CPU time (user + sys) and peak RSS come from wait4(2) on that very child, so
runs do not blur into each other (RUSAGE_CHILDREN would give the maximum over
all children so far).

Why /usr/bin/time when there is one: Linux counts in a child's peak RSS the
memory it had before exec, and a child forked from Python starts as a copy
of the interpreter (~10 MiB), which would hide a small program's footprint.
GNU time forks from a tiny process, so it is used when present; otherwise the
child is forked from here and the report says the RSS has that floor.
Only the standard library.

Usage: measure.py RUNS OUT ERR -- COMMAND [ARG...]
  stdout of every run goes to OUT, stderr to ERR (both overwritten per run).
Prints one line:  best_cpu_s best_wall_s max_rss_kib exit_status rss_note
  best_* come from the run with the least CPU time; max_rss_kib is the largest
  peak RSS over the runs; exit_status is the first non-zero status seen (a
  signal N is reported as 128+N), else 0.  It stops after a failing run.
  rss_note is "exact" (GNU time) or "floor" (RSS includes Python's own).
"""
import os
import subprocess
import sys
import time


TIME = "/usr/bin/time"


def run_once_gnu_time(cmd, out_path, err_path):
    """Runs cmd once under GNU time; returns (cpu_s, wall_s, maxrss_kib, status).
    Peak RSS from time's %M; CPU time from wait4 on time itself, which adds
    the command it reaped (microseconds, where %U %S round to 10 ms) and its
    own negligible cost."""
    rep_path = err_path + ".time"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M %x", "-o", rep_path, "--"] + cmd,
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)   # reaped by wait4
    with open(rep_path) as f:
        lines = f.read().split("\n")
    os.unlink(rep_path)
    # "Command terminated by signal N" or "Command exited with non-zero status N"
    # may come before the line asked for; the numbers are on the last line.
    last = [l for l in lines if l.strip()][-1].split()
    rss, code = int(last[0]), int(last[1])
    for l in lines:
        if l.startswith("Command terminated by signal"):
            code = 128 + int(l.split()[-1])
    return ru.ru_utime + ru.ru_stime, wall, rss, code


def run_once(cmd, out_path, err_path):
    """Runs cmd once; returns (cpu_s, wall_s, maxrss_kib, status)."""
    if os.access(TIME, os.X_OK):
        return run_once_gnu_time(cmd, out_path, err_path)
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)   # reaped by wait4
    code = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    return ru.ru_utime + ru.ru_stime, wall, ru.ru_maxrss, code


def main():
    argv = sys.argv[1:]
    if len(argv) < 5 or argv[3] != "--":
        sys.stderr.write(__doc__)
        return 2
    runs, out_path, err_path, cmd = int(argv[0]), argv[1], argv[2], argv[4:]
    best = None
    max_rss = 0
    status = 0
    for _ in range(runs):
        cpu, wall, rss, code = run_once(cmd, out_path, err_path)
        max_rss = max(max_rss, rss)
        if best is None or cpu < best[0]:
            best = (cpu, wall)
        if code != 0:
            status = code
            break
    note = "exact" if os.access(TIME, os.X_OK) else "floor"
    print("%.4f %.4f %d %d %s" % (best[0], best[1], max_rss, status, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
