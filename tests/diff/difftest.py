#!/usr/bin/env python3
"""Differential test of weir's windowed aggregation (engine vs. an obviously-correct reference).

Where it sits: a test beside the engine, not part of it. For each seed it generates a random
event file (keys, event times with disorder beyond the watermark delay, large gaps, equal
timestamps) and a few windowed queries (TUMBLE / HOP / CUMULATE / SESSION, in the window-TVF
form and in the group-window form), runs `weir --format csv qN.sql` on them, and compares
stdout and the late-row count of the end-of-run summary with a tiny reference implementation of
the window semantics of shared/spec/dialect.md ("Semantics"). The reference uses lists, dicts
and sorts only: no slicing, no incremental aggregates. The engine may be clever; this may not.

Usage:
  difftest.py --weir PATH [--seeds N] [--first-seed S] [--queries Q] [--keep DIR] [--keep-going]
  difftest.py --self-check            hand-worked cases + the harness against a fake engine
  difftest.py --dry-run --keep DIR    write inputs and expected outputs only (no engine)

Only the Python 3 standard library is used.
"""

import argparse
import csv
import datetime
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile

SEC = 1000                                   # all times are epoch milliseconds
EPOCH_BASE = 1715421600000                   # 2024-05-11 10:00:00 (no time zone)
NEG_INF = float("-inf")

# Aggregates: name -> (SQL text, output alias, SQL type of the result).
AGGS = {
    "count": ("COUNT(*)", "c", "BIGINT"),
    "sum": ("SUM(v)", "s", "BIGINT"),
    "min": ("MIN(v)", "lo", "BIGINT"),
    "max": ("MAX(v)", "hi", "BIGINT"),
    "avg": ("AVG(v)", "a", "DOUBLE"),
    "distinct": ("COUNT(DISTINCT v)", "d", "BIGINT"),
}
CMP = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


# ---------------------------------------------------------------------------------------------
# Values and their CSV text
# ---------------------------------------------------------------------------------------------

def fmt_ts(ms):
    """TIMESTAMP text as weir prints it: YYYY-MM-DD HH:MM:SS.fff (ms since the epoch, no zone)."""
    d = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%d %H:%M:%S") + ".%03d" % (ms % 1000)


def parse_ts(text):
    """Inverse of fmt_ts (the fake engine reads events.csv back with it)."""
    d = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f")
    delta = d - datetime.datetime(1970, 1, 1)
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def fmt_double(x):
    """DOUBLE text: shortest round-trip repr with `.0` on integral values (= Python's repr)."""
    return repr(float(x))


def agg_value(name, vs):
    """One aggregate over the list of v values of a window (never empty)."""
    if name == "count":
        return len(vs)
    if name == "sum":
        return sum(vs)
    if name == "min":
        return min(vs)
    if name == "max":
        return max(vs)
    if name == "avg":
        return sum(vs) / len(vs)           # int / int: the correctly rounded double
    if name == "distinct":
        return len(set(vs))
    raise ValueError(name)


def agg_text(name, vs):
    value = agg_value(name, vs)
    return fmt_double(value) if AGGS[name][2] == "DOUBLE" else str(value)


# ---------------------------------------------------------------------------------------------
# The query description (a dict, so it can be written as JSON beside the SQL)
# ---------------------------------------------------------------------------------------------
# form:    "tvf" | "group"
# kind:    "tumble" | "hop" | "cumulate" | "session"
# size, slide, step, gap, delay: ms (only those the kind uses; delay = watermark delay D)
# keyed:   group by k as well as the window (always true for session and for the group form)
# where:   list of [column, op, constant], ANDed
# having:  null or [agg name, op, constant]
# select:  list of items: "ws", "we", "k", or an agg name
# group_k_first: whether k is written before the window in GROUP BY (no effect on semantics)

def interval_sql(ms, rng=None):
    """INTERVAL literal for a whole number of seconds, in one of the spellings of dialect.md."""
    n = ms // SEC
    style = rng.random() if rng else 0.0
    if style < 0.8:
        return "INTERVAL '%d' SECOND" % n
    if style < 0.9:
        return "INTERVAL '%d' SECONDS" % n
    return "INTERVAL '%d seconds'" % n


def query_sql(q, rng=None):
    """SQL text (DDL + query) for a query description."""
    lines = [
        "CREATE SOURCE ev (k VARCHAR, ts TIMESTAMP, v BIGINT,",
        "  WATERMARK FOR ts AS ts - INTERVAL '%d' SECOND)" % (q["delay"] // SEC),
        "WITH (connector = 'file', path = 'events.csv', format = 'csv');",
        "",
    ]
    kind = q["kind"]
    if kind == "tumble":
        args = [q["size"]]
    elif kind == "hop":
        args = [q["slide"], q["size"]]
    elif kind == "cumulate":
        args = [q["step"], q["size"]]
    else:
        args = [q["gap"]]
    ivs = ", ".join(interval_sql(a, rng) for a in args)

    items = []
    for it in q["select"]:
        if it in AGGS:
            items.append("%s AS %s" % (AGGS[it][0], AGGS[it][1]))
        elif it == "k":
            items.append("k")
        elif q["form"] == "tvf":
            items.append("window_start" if it == "ws" else "window_end")
        else:
            fn = "%s_%s" % (kind.upper(), "START" if it == "ws" else "END")
            items.append("%s(ts, %s) AS %s" % (fn, ivs, it))

    if q["form"] == "tvf":
        if kind == "session":
            tab = "SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), %s)" % ivs
        else:
            tab = "%s(TABLE ev, DESCRIPTOR(ts), %s)" % (kind.upper(), ivs)
        frm = "FROM TABLE(%s)" % tab
        win = ["window_start", "window_end"]
    else:
        frm = "FROM ev"
        win = ["%s(ts, %s)" % (kind.upper(), ivs)]
    group = list(win)
    if q["keyed"]:
        group = ["k"] + group if q["group_k_first"] else group + ["k"]

    lines.append("SELECT " + ", ".join(items))
    lines.append(frm)
    if q["where"]:
        lines.append("WHERE " + " AND ".join(
            "%s %s %s" % (c, op, ("'%s'" % x) if isinstance(x, str) else x)
            for c, op, x in q["where"]))
    lines.append("GROUP BY " + ", ".join(group))
    if q["having"]:
        name, op, x = q["having"]
        lines.append("HAVING %s %s %s" % (AGGS[name][0], op, x))
    return "\n".join(lines) + ";\n"


def header(q):
    """The CSV header the engine must print: aliases, window_start/window_end, k."""
    out = []
    for it in q["select"]:
        if it in AGGS:
            out.append(AGGS[it][1])
        elif it == "k":
            out.append("k")
        elif q["form"] == "tvf":
            out.append("window_start" if it == "ws" else "window_end")
        else:
            out.append(it)
    return out


# ---------------------------------------------------------------------------------------------
# The reference: event at a time, lists and sorts
# ---------------------------------------------------------------------------------------------

def row_windows(q, t):
    """Every [start, end) window of a non-session kind that contains time t."""
    kind = q["kind"]
    if kind == "tumble":
        s = t // q["size"] * q["size"]
        return [(s, s + q["size"])]
    if kind == "hop":
        out = []
        s = t // q["slide"] * q["slide"]          # the latest start <= t
        while s + q["size"] > t:                  # ... back to the earliest whose end > t
            out.append((s, s + q["size"]))
            s -= q["slide"]
        return out
    if kind == "cumulate":
        s = t // q["size"] * q["size"]
        ends = [s + k * q["step"] for k in range(1, q["size"] // q["step"] + 1)]
        return [(s, e) for e in ends if s <= t < e]
    raise ValueError(kind)


def passes_where(q, k, v):
    for col, op, x in q["where"]:
        if not CMP[op](k if col == "k" else v, x):
            return False
    return True


def reference(q, events, wm_model="all", fires=lambda end, w: end <= w):
    """Run the window semantics over events [(k, t, v)] in order.

    Returns (rows, late): rows are dicts {ws, we, k, vs} of every window that fired (in any
    order: the caller sorts), late the number of rows (among those passing WHERE) that were
    added to no window. wm_model is how rows that WHERE drops move the watermark:
      "all"      they do, at once (the contract: the watermark is the source's, as in Flink);
      "passing"  they do not;
      "deferred" they do, but only after the next row that passes WHERE has been added
                 (a per-row watermark carried past dropped rows by the next surviving row).
    The other two are used only to hint at the cause of a mismatch. `fires` is the firing
    test, replaceable only to make mutants for the self-check.
    """
    w = NEG_INF
    pending = NEG_INF    # "deferred": the watermark of dropped rows, not yet applied
    open_windows = {}    # (start, end, key or None) -> list of v
    sessions = {}        # key -> list of [start, end, list of v]
    fired = []
    late = 0

    def fire_ready(force):
        for gk in list(open_windows):
            s, e, key = gk
            if force or fires(e, w):
                fired.append({"ws": s, "we": e, "k": key, "vs": open_windows.pop(gk)})
        for key, lst in sessions.items():
            keep = []
            for s, e, vs in lst:
                if force or fires(e, w):
                    fired.append({"ws": s, "we": e, "k": key, "vs": vs})
                else:
                    keep.append([s, e, vs])
            sessions[key] = keep

    for k, t, v in events:
        ok = passes_where(q, k, v)
        if ok and q["kind"] == "session":
            s, e = t, t + q["gap"]
            lst = sessions.setdefault(k, [])
            hit = [x for x in lst if x[0] < e and s < x[1]]
            ms = min([s] + [x[0] for x in hit])
            me = max([e] + [x[1] for x in hit])
            if fires(me, w):
                late += 1
            else:
                vs = [v] + [u for x in hit for u in x[2]]
                sessions[k] = [x for x in lst if x not in hit] + [[ms, me, vs]]
        elif ok:
            added = False
            for s, e in row_windows(q, t):
                if fires(e, w):
                    continue                       # that window has fired: dropped from it
                key = k if q["keyed"] else None
                open_windows.setdefault((s, e, key), []).append(v)
                added = True
            if not added:
                late += 1
        if ok or wm_model == "all":
            w = max(w, t - q["delay"])
        elif wm_model == "deferred":
            pending = max(pending, t - q["delay"])
        if ok and wm_model == "deferred":
            w = max(w, pending)
        fire_ready(False)
    fire_ready(True)
    return fired, late


def expected_output(q, events, **kw):
    """(CSV rows as lists of strings, header first; late count) the engine must produce."""
    fired, late = reference(q, events, **kw)
    rows = []
    for r in fired:
        if q["having"]:
            name, op, x = q["having"]
            if not CMP[op](agg_value(name, r["vs"]), x):
                continue
        rows.append(r)
    # Output order: window_end, then the non-window GROUP BY columns (only k here), bytes order.
    rows.sort(key=lambda r: (r["we"], (r["k"] or "").encode()))
    out = [header(q)]
    for r in rows:
        line = []
        for it in q["select"]:
            if it in AGGS:
                line.append(agg_text(it, r["vs"]))
            elif it == "k":
                line.append(r["k"])
            else:
                line.append(fmt_ts(r[it]))
        out.append(line)
    return out, late


# ---------------------------------------------------------------------------------------------
# Random inputs
# ---------------------------------------------------------------------------------------------

def gen_events(rng):
    """200..3000 rows over 1..8 keys; times walk forward with jitter, some late, some jumps."""
    n = rng.randint(200, 3000)
    keys = ["k%d" % i for i in range(1, rng.randint(1, 8) + 1)]
    weights = [rng.randint(1, 10) for _ in keys]
    base = EPOCH_BASE + rng.randrange(0, 6 * 3600 * SEC)
    gran = rng.choice([1, 1, 10, 250, 500, 1000, 1000])      # timestamp granularity
    jitter = rng.randint(0, 3) * SEC                         # disorder that is "within delay"
    advance = rng.choice([30, 100, 300, 1000, 2500])         # mean forward step
    p_late = rng.uniform(0.05, 0.10)
    events = []
    mx = prev = base
    for _ in range(n):
        r = rng.random()
        if r < p_late:                                       # beyond the delay: late for some
            t = mx - jitter - rng.randint(1, 25 * SEC)
        elif r < p_late + 0.05:                              # equal timestamps
            t = rng.choice([prev, mx])
        elif r < p_late + 0.065:                             # a gap longer than any session gap
            t = mx + rng.randint(11 * SEC, 60 * SEC)
        else:                                                # within the delay of the max
            t = mx + rng.randint(-jitter, 2 * advance)
        t = max(t, base - 30 * SEC) // gran * gran
        mx = max(mx, t)
        prev = t
        events.append((rng.choices(keys, weights)[0], t, rng.randint(0, 50)))
    return events, keys


def events_csv(events):
    buf = io.StringIO()
    buf.write("k,ts,v\n")
    for k, t, v in events:
        buf.write("%s,%s,%d\n" % (k, fmt_ts(t), v))
    return buf.getvalue()


def divisors(n, below):
    return [d for d in range(1, n + 1) if n % d == 0 and d < below] or [n]


def gen_query(rng, keys):
    """One random query description (see the comment above interval_sql)."""
    form = rng.choice(["tvf", "tvf", "group"])
    kind = rng.choice(["tumble", "hop", "cumulate", "session"] if form == "tvf"
                      else ["tumble", "hop", "session"])
    q = {"form": form, "kind": kind, "delay": rng.randint(0, 3) * SEC}
    if kind == "session":
        q["gap"] = rng.randint(1, 10) * SEC
    else:
        size = rng.randint(2, 20)
        q["size"] = size * SEC
        if kind == "hop":
            q["slide"] = rng.choice(divisors(size, size)) * SEC
        if kind == "cumulate":
            q["step"] = rng.choice(divisors(size, size)) * SEC
    q["keyed"] = form == "group" or kind == "session" or rng.random() < 0.7
    q["group_k_first"] = rng.random() < 0.3 if q["keyed"] else False

    where = []
    for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
        c = rng.random()
        if c < 0.3:
            where.append(["v", "<>", rng.randint(0, 50)])
        elif c < 0.5:
            where.append(["v", rng.choice([">", ">="]), rng.randint(0, 8)])
        elif c < 0.7:
            where.append(["v", rng.choice(["<", "<="]), rng.randint(42, 51)])
        elif c < 0.8:
            where.append(["v", "<>", rng.randint(0, 50)])
        else:
            where.append(["k", "<>", rng.choice(keys + ["k9"])])
    q["where"] = where

    aggs = rng.sample(list(AGGS), rng.randint(1, len(AGGS)))
    r = rng.random()
    if r < 0.4:
        q["having"] = None
    else:
        q["having"] = rng.choice([
            ["count", ">=", rng.randint(2, 4)],
            ["sum", ">", rng.randint(20, 100)],
            ["max", ">=", rng.randint(25, 45)],
            ["min", "<", rng.randint(5, 20)],
            ["avg", ">", rng.randint(20, 30)],
            ["distinct", ">=", 2],
        ])

    front = ["ws", "we"]
    if rng.random() < 0.15:
        front = rng.choice([["we"], ["ws"], []])
    if q["keyed"] and rng.random() < 0.9:
        front = ["k"] + front if rng.random() < 0.5 else front + ["k"]
    sel = front + aggs
    if rng.random() < 0.2:
        rng.shuffle(sel)
    q["select"] = sel
    return q


# ---------------------------------------------------------------------------------------------
# The harness
# ---------------------------------------------------------------------------------------------

SOURCE_RE = re.compile(r"-- source ev: (\d+) rows read, (\d+) malformed")
EMIT_RE = re.compile(r"-- (\d+) rows emitted, (\d+) late rows dropped")


def parse_summary(stderr):
    """(rows read, malformed, rows emitted, late) from the summary on stderr, None if absent."""
    s = SOURCE_RE.search(stderr)
    e = EMIT_RE.search(stderr)
    if not s or not e:
        return None
    return int(s.group(1)), int(s.group(2)), int(e.group(1)), int(e.group(2))


def first_diff(exp, got):
    for i in range(max(len(exp), len(got))):
        a = exp[i] if i < len(exp) else None
        b = got[i] if i < len(got) else None
        if a != b:
            return i
    return None


def multiset_minus(a, b):
    """Rows of a not matched by a row of b (each row of b matches once), in a's order."""
    left = {}
    for r in b:
        left[tuple(r)] = left.get(tuple(r), 0) + 1
    out = []
    for r in a:
        if left.get(tuple(r), 0):
            left[tuple(r)] -= 1
        else:
            out.append(r)
    return out


def show_rows(rows, lo, hi):
    if not rows:
        return "    (no output)"
    return "\n".join("    %4d: %s" % (i, ",".join(rows[i]) if rows[i] is not None else "<none>")
                     for i in range(lo, min(hi, len(rows))))


class Harness:
    def __init__(self, weir_cmd, keep_dir, timeout):
        self.weir_cmd = weir_cmd       # argv prefix, e.g. ["/abs/weir"]
        self.keep_dir = keep_dir
        self.timeout = timeout
        self.runs = 0

    def run_seed(self, seed, nqueries, dry_run=False):
        """Run one seed; returns a list of failure texts (empty when all queries matched)."""
        rng = random.Random(seed)
        events, keys = gen_events(rng)
        queries = [gen_query(rng, keys) for _ in range(nqueries)]
        sql_rng = random.Random(seed * 7919 + 1)
        if self.keep_dir:
            d = os.path.join(self.keep_dir, "seed_%d" % seed)
            os.makedirs(d, exist_ok=True)
        else:
            d = tempfile.mkdtemp(prefix="weir_diff_%d_" % seed)
        with open(os.path.join(d, "events.csv"), "w") as f:
            f.write(events_csv(events))
        failures = []
        for i, q in enumerate(queries):
            sql = query_sql(q, sql_rng)
            base = os.path.join(d, "q%d" % i)
            with open(base + ".sql", "w") as f:
                f.write(sql)
            with open(base + ".json", "w") as f:
                json.dump(q, f)
            exp, late = expected_output(q, events)
            if dry_run:
                write_csv(base + ".expected.csv", exp)
                continue
            msg = self.check(q, sql, events, exp, late, d, "q%d" % i)
            if msg:
                failures.append("seed %d, query q%d (%s/%s) in %s:\n%s\n%s" % (
                    seed, i, q["form"], q["kind"], d, indent(sql), msg))
                write_csv(base + ".expected.csv", exp)
        if not failures and not self.keep_dir:
            shutil.rmtree(d, ignore_errors=True)
        return failures

    def check(self, q, sql, events, exp, late, d, name):
        """Run the engine on one query; None when it matches, else a description."""
        self.runs += 1
        try:
            p = subprocess.run(self.weir_cmd + ["--format", "csv", name + ".sql"], cwd=d,
                               capture_output=True, text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return "  weir timed out after %d s" % self.timeout
        base = os.path.join(d, name)
        with open(base + ".actual.csv", "w") as f:
            f.write(p.stdout)
        with open(base + ".stderr", "w") as f:
            f.write(p.stderr)
        if p.returncode != 0:
            return "  weir exited with status %d; stderr:\n%s" % (p.returncode,
                                                                 indent(p.stderr[-3000:]))
        got = list(csv.reader(io.StringIO(p.stdout)))
        problems = []
        i = first_diff(exp, got)
        if i is not None:
            problems.append("  first difference at output line %d (0 = header); "
                            "%d rows expected, %d got\n  expected:\n%s\n  got:\n%s" % (
                                i, len(exp) - 1, max(0, len(got) - 1),
                                show_rows(exp, max(0, i - 2), i + 4),
                                show_rows(got, max(0, i - 2), i + 4)))
            missing = multiset_minus(exp[1:], got[1:])
            extra = multiset_minus(got[1:], exp[1:])
            if not missing and not extra:
                problems.append("  the same rows, in another order")
            else:
                problems.append("  %d expected rows missing, %d unexpected rows; first of "
                                "each:\n    missing: %s\n    unexpected: %s" % (
                                    len(missing), len(extra),
                                    ",".join(missing[0]) if missing else "-",
                                    ",".join(extra[0]) if extra else "-"))
        summ = parse_summary(p.stderr)
        if summ is None:
            problems.append("  no end-of-run summary on stderr:\n" + indent(p.stderr[-2000:]))
        else:
            nread, malformed, emitted, glate = summ
            if nread != len(events) or malformed != 0:
                problems.append("  summary: %d rows read, %d malformed; expected %d, 0" % (
                    nread, malformed, len(events)))
            if emitted != len(got) - 1:
                problems.append("  summary: %d rows emitted but stdout has %d rows" % (
                    emitted, len(got) - 1))
            if glate != late:
                problems.append("  summary: %d late rows dropped; the reference drops %d" % (
                    glate, late))
        if not problems:
            return None
        hints = {"passing": "when rows dropped by WHERE do not advance the watermark",
                 "deferred": "when rows dropped by WHERE advance the watermark only after "
                             "the next row that passes WHERE"}
        for model, text in hints.items():
            alt, alt_late = expected_output(q, events, wm_model=model)
            if q["where"] and alt == got and (summ is None or summ[3] == alt_late):
                problems.append("  note: the output matches the reference " + text)
        return "\n".join(problems)


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def indent(text):
    return "\n".join("    | " + line for line in text.rstrip("\n").split("\n"))


# ---------------------------------------------------------------------------------------------
# A fake engine (the reference behind weir's command line), for checking the harness itself
# ---------------------------------------------------------------------------------------------

def fake_weir(argv):
    """Acts as `weir --format csv qN.sql` from qN.json, optionally with a planted bug."""
    bug = argv[0] if argv and not argv[0].startswith("-") else "none"
    sqlfile = argv[-1]
    with open(sqlfile[:-4] + ".json") as f:
        q = json.load(f)
    events = []
    with open("events.csv") as f:
        for rec in csv.DictReader(f):
            events.append((rec["k"], parse_ts(rec["ts"]), int(rec["v"])))
    kw = {}
    if bug == "fire-late":          # fires a window only once the watermark is past its end
        kw["fires"] = lambda e, w: e < w
    if bug in ("wm-passing", "wm-deferred"):
        kw["wm_model"] = bug[3:]
    rows, late = expected_output(q, events, **kw)
    if bug == "order":              # keys in descending order within one window end
        body = rows[1:]
        body.sort(key=lambda r: tuple(r), reverse=True)
        rows = rows[:1] + body
    if bug == "late-count":
        late += 1
    if bug == "exit":
        sys.stderr.write("weir: q.sql:1:1: error: boom\n")
        return 1
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerows(rows)
    sys.stderr.write("-- source ev: %d rows read, 0 malformed\n" % len(events))
    sys.stderr.write("-- %d rows emitted, %d late rows dropped, elapsed 0.001 s\n" % (
        len(rows) - 1, late))
    return 0


# ---------------------------------------------------------------------------------------------
# Self-check: hand-worked cases for the reference, then the harness against the fake engine
# ---------------------------------------------------------------------------------------------

def _q(kind, delay, keyed=True, **kw):
    q = {"form": "tvf", "kind": kind, "delay": delay * SEC, "keyed": keyed,
         "group_k_first": False, "where": [], "having": None, "select": ["ws", "we", "k", "count"]}
    for name in ("size", "slide", "step", "gap"):
        if name in kw:
            q[name] = int(kw.pop(name) * SEC)
    q.update(kw)
    return q


def _ev(spec):
    """[(k, seconds, v)] -> events in ms."""
    return [(k, int(round(s * SEC)), v) for k, s, v in spec]


def _fired(q, events, **kw):
    """Reference result as sorted (start s, end s, key, count) plus the late count."""
    rows, late = reference(q, events, **kw)
    out = sorted((r["we"] / SEC, (r["k"] or ""), r["ws"] / SEC, len(r["vs"])) for r in rows)
    return [(s, e, k, c) for e, k, s, c in out], late


# Each case: (name, query, events, expected windows (start, end, key, count), expected late),
# worked out by hand from the rules in the brief (comments give the watermark W after each row).
CASES = [
    ("tumble: boundary firing, late row after the fire",
     _q("tumble", 1, size=10),
     _ev([("a", 0, 1), ("a", 5, 1), ("b", 9.5, 1), ("a", 10, 1),   # W = 9
          ("a", 9, 1),                                             # [0,10) still open: added
          ("a", 11, 1),                                            # W = 10: [0,10) fires
          ("a", 8, 1)]),                                           # [0,10) fired: late
     [(0, 10, "a", 3), (0, 10, "b", 1), (10, 20, "a", 2)], 1),
    ("hop 2/4: partly late row is not late; fully late row is",
     _q("hop", 0, slide=2, size=4),
     _ev([("a", 5, 1),            # [2,6) [4,8); W = 5
          ("a", 7, 1),            # [4,8) [6,10); W = 7: [2,6) fires (1 row)
          ("a", 5.5, 1),          # [2,6) fired, [4,8) open: added, not late
          ("a", 3, 1)]),          # [0,4) [2,6) both end <= 7: late
     [(2, 6, "a", 1), (4, 8, "a", 3), (6, 10, "a", 1)], 1),
    ("cumulate 2/6",
     _q("cumulate", 0, step=2, size=6),
     _ev([("a", 1, 1),            # [0,2) [0,4) [0,6); W = 1
          ("a", 3, 1),            # [0,4) [0,6); W = 3: [0,2) fires
          ("a", 1.5, 1),          # [0,2) fired; [0,4) [0,6) added
          ("a", 7, 1),            # [6,8) [6,10) [6,12); W = 7: [0,4) [0,6) fire
          ("a", 0.5, 1)]),        # all of [0,2) [0,4) [0,6) fired: late
     [(0, 2, "a", 1), (0, 4, "a", 3), (0, 6, "a", 3),
      (6, 8, "a", 1), (6, 10, "a", 1), (6, 12, "a", 1)], 1),
    ("session gap 3: chain, fire, late",
     _q("session", 0, gap=3),
     _ev([("a", 1, 1), ("a", 2, 1),   # [1,5); W = 2
          ("a", 10, 1),               # [10,13); W = 10: [1,5) fires (2 rows)
          ("a", 8, 1),                # [8,11) overlaps [10,13): [8,13)
          ("a", 4, 1),                # [4,7) overlaps nothing open, 7 <= 10: late
          ("b", 14, 1)]),             # W = 14: [8,13) fires
     [(1, 5, "a", 2), (8, 13, "a", 2), (14, 17, "b", 1)], 1),
    ("session gap 2, delay 5: a row merges two sessions; touching sessions stay apart",
     _q("session", 5, gap=2),
     _ev([("a", 10, 1),               # [10,12); W = 5
          ("a", 13, 1),               # [13,15) (12 < 13: apart); W = 8
          ("a", 11.5, 1),             # [11.5,13.5) overlaps both: [10,15) with 3 rows
          ("b", 12, 1),               # b [12,14); W stays 8
          ("a", 15, 1),               # [15,17) touches [10,15) only: apart; W = 10
          ("a", 30, 1)]),             # W = 25: b[12,14), a[10,15), a[15,17) fire
     [(12, 14, "b", 1), (10, 15, "a", 3), (15, 17, "a", 1), (30, 32, "a", 1)], 0),
    ("tumble without key, equal timestamps, WHERE-dropped rows still move W",
     _q("tumble", 0, keyed=False, size=2, where=[["v", "<>", 13]]),
     _ev([("a", 1, 1), ("b", 1, 2),   # [0,2) 2 rows; W = 1
          ("a", 5, 13),               # dropped by WHERE, but W = 5: [0,2) fires with 2 rows
          ("b", 1.5, 3),              # [0,2) fired: late
          ("a", 2, 4),                # [2,4) ends at 4 <= 5: late
          ("b", 2, 5),                # late
          ("a", 1.999, 6)]),          # late
     [(0, 2, "", 2)], 4),
]


def self_check():
    """Hand-worked reference cases, formatting, and the harness against the fake engine."""
    bad = 0
    for name, q, events, want, want_late in CASES:
        got, late = _fired(q, events)
        if got != want or late != want_late:
            bad += 1
            print("FAIL %s\n  want %s late %d\n  got  %s late %d" % (name, want, want_late,
                                                                    got, late))
    # The other watermark reading: WHERE-dropped rows do not move W.  Then 1.5 joins [0,2)
    # (3 rows), 2 moves W to 2 and fires it, [2,4) gets 2 rows, and 1.999 is late.
    q, events = CASES[5][1], CASES[5][2]
    got, late = _fired(q, events, wm_model="passing")
    if got != [(0, 2, "", 3), (2, 4, "", 2)] or late != 1:
        bad += 1
        print("FAIL wm_model passing: got %s late %d" % (got, late))
    # Deferred: row 5 is pending; 1.5 joins [0,2) (3 rows), then W = 5 fires [0,2); then 2, 2
    # (window [2,4) ends at 4 <= 5) and 1.999 are late.
    got, late = _fired(q, events, wm_model="deferred")
    if got != [(0, 2, "", 3)] or late != 3:
        bad += 1
        print("FAIL wm_model deferred: got %s late %d" % (got, late))

    # Window assignment on its own, against a brute-force scan of all candidate windows.
    for kind, a, size in (("hop", 3, 12), ("hop", 5, 10), ("cumulate", 4, 20), ("tumble", 0, 7)):
        q = _q(kind, 0, size=size, slide=a or 1, step=a or 1)
        for t in range(0, 60 * SEC, 250):
            brute = []
            for s in range(-30 * SEC, 90 * SEC, SEC):
                if kind == "tumble":
                    ok = s % q["size"] == 0 and s <= t < s + q["size"]
                    ends = [s + q["size"]] if ok else []
                elif kind == "hop":
                    ok = s % q["slide"] == 0 and s <= t < s + q["size"]
                    ends = [s + q["size"]] if ok else []
                else:
                    ends = [s + j * q["step"] for j in range(1, q["size"] // q["step"] + 1)
                            if s % q["size"] == 0 and s <= t < s + j * q["step"]]
                brute += [(s, e) for e in ends]
            if sorted(row_windows(q, t)) != sorted(brute):
                bad += 1
                print("FAIL windows of %s at t=%d: %s vs %s" % (kind, t, row_windows(q, t),
                                                                  brute))
                break

    # Formatting.
    checks = [
        (fmt_ts(EPOCH_BASE), "2024-05-11 10:00:00.000"),
        (fmt_ts(EPOCH_BASE + 5250), "2024-05-11 10:00:05.250"),
        (fmt_ts(EPOCH_BASE + 86399999), "2024-05-12 09:59:59.999"),
        (parse_ts("2024-05-11 10:00:05.250"), EPOCH_BASE + 5250),
        (fmt_double(11700), "11700.0"),
        (agg_text("avg", [1, 2, 2]), "1.6666666666666667"),
        (agg_text("avg", [10, 20]), "15.0"),
        (agg_text("distinct", [3, 3, 4]), "2"),
        (agg_text("sum", [3, 3, 4]), "10"),
    ]
    for got, want in checks:
        if got != want:
            bad += 1
            print("FAIL format: %r != %r" % (got, want))

    # Expected output: HAVING, projection, ordering by window end then key.
    q = _q("session", 5, gap=2, having=["count", ">=", 1],
           select=["k", "we", "count", "avg", "distinct"])
    q["form"] = "group"
    exp, late = expected_output(q, CASES[4][2])
    want = [["k", "we", "c", "a", "d"],
            ["b", "1970-01-01 00:00:14.000", "1", "1.0", "1"],
            ["a", "1970-01-01 00:00:15.000", "3", "1.0", "1"],
            ["a", "1970-01-01 00:00:17.000", "1", "1.0", "1"],
            ["a", "1970-01-01 00:00:32.000", "1", "1.0", "1"]]
    if exp != want or late != 0:
        bad += 1
        print("FAIL expected_output:\n  %s\n  %s" % (exp, want))
    q["having"] = ["count", ">", 1]
    exp, _ = expected_output(q, CASES[4][2])
    if exp != want[:1] + want[2:3]:
        bad += 1
        print("FAIL HAVING: %s" % exp)

    # SQL text of the brief's two examples.
    q = {"form": "tvf", "kind": "hop", "slide": 2000, "size": 6000, "delay": 1000,
         "keyed": True, "group_k_first": False, "where": [["v", "<>", 13]],
         "having": ["count", ">=", 2], "select": ["ws", "we", "k", "count", "sum", "min", "max"]}
    want_sql = ("SELECT window_start, window_end, k, COUNT(*) AS c, SUM(v) AS s, MIN(v) AS lo, "
                "MAX(v) AS hi\nFROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '2' SECOND, "
                "INTERVAL '6' SECOND))\nWHERE v <> 13\nGROUP BY window_start, window_end, k\n"
                "HAVING COUNT(*) >= 2;\n")
    if not query_sql(q).endswith(want_sql):
        bad += 1
        print("FAIL SQL:\n%s" % query_sql(q))
    q.update(form="group", group_k_first=True, where=[["v", ">", 3]], having=["sum", ">", 20],
             select=["k", "ws", "we", "count", "sum", "avg", "distinct"])
    want_sql = ("SELECT k, HOP_START(ts, INTERVAL '2' SECOND, INTERVAL '6' SECOND) AS ws, "
                "HOP_END(ts, INTERVAL '2' SECOND, INTERVAL '6' SECOND) AS we, COUNT(*) AS c, "
                "SUM(v) AS s, AVG(v) AS a, COUNT(DISTINCT v) AS d\nFROM ev\nWHERE v > 3\n"
                "GROUP BY k, HOP(ts, INTERVAL '2' SECOND, INTERVAL '6' SECOND)\n"
                "HAVING SUM(v) > 20;\n")
    if not query_sql(q).endswith(want_sql):
        bad += 1
        print("FAIL SQL:\n%s" % query_sql(q))

    # The generator: sizes, late rows, jumps and equal timestamps do occur.
    rng = random.Random(1)
    events, keys = gen_events(rng)
    ts = [t for _, t, _ in events]
    mx, behind, jumps, equal = NEG_INF, 0, 0, 0
    for a, b in zip(ts, ts[1:]):
        equal += a == b
    for t in ts:
        behind += t < mx - 3 * SEC
        jumps += t > mx + 10 * SEC
        mx = max(mx, t)
    if not (200 <= len(events) <= 3000 and behind and jumps and equal):
        bad += 1
        print("FAIL generator: n=%d behind=%d jumps=%d equal=%d" % (len(events), behind,
                                                                     jumps, equal))

    # The harness against the fake engine: clean, then each planted bug must be caught.
    me = [sys.executable, os.path.abspath(__file__), "--as-fake-weir"]
    seeds = range(1, 7)
    for bug in ("none", "fire-late", "wm-passing", "wm-deferred", "order", "late-count", "exit"):
        h = Harness(me + [bug], None, 60)
        fails = []
        for seed in seeds:
            fails += h.run_seed(seed, 6)
            if fails:
                break
        for f in fails:                     # clean up the directories kept on failure
            shutil.rmtree(f.split(" in ", 1)[1].split(":\n", 1)[0], ignore_errors=True)
        if (bug == "none") != (not fails):
            bad += 1
            print("FAIL harness with fake bug %s: %d failures%s" % (
                bug, len(fails), (":\n" + fails[0]) if fails else ""))
        elif bug.startswith("wm-") and "note: the output matches" not in fails[0]:
            bad += 1
            print("FAIL harness: no hint for the %s fake:\n%s" % (bug, fails[0]))
    print("self-check: %s" % ("ok" if not bad else "%d FAILED" % bad))
    return 1 if bad else 0


# ---------------------------------------------------------------------------------------------

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--as-fake-weir":
        return fake_weir(sys.argv[2:])
    # SIGTERM (ctest's timeout, `timeout`) becomes an exception, so that subprocess.run
    # kills the weir it is waiting for instead of leaving it running.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--weir", help="path of the weir binary")
    ap.add_argument("--seeds", type=int, default=40, help="number of seeds (default 40)")
    ap.add_argument("--first-seed", type=int, default=1, help="first seed (default 1)")
    ap.add_argument("--seed", type=int, help="run just this seed (to reproduce a failure)")
    ap.add_argument("--queries", type=int, default=6, help="queries per seed (default 6)")
    ap.add_argument("--keep", metavar="DIR", help="keep every seed's files under DIR")
    ap.add_argument("--keep-going", action="store_true", help="do not stop at the first seed "
                    "with a mismatch")
    ap.add_argument("--timeout", type=int, default=20, help="seconds per weir run "
                    "(default 20; a run that takes longer is killed and is a failure)")
    ap.add_argument("--dry-run", action="store_true", help="write inputs and expected outputs "
                    "(with --keep) without running weir")
    ap.add_argument("--self-check", action="store_true", help="check the reference and harness")
    args = ap.parse_args()

    if args.self_check:
        return self_check()
    if not args.weir and not args.dry_run:
        ap.error("--weir PATH is required")
    if args.dry_run and not args.keep:
        ap.error("--dry-run needs --keep DIR")
    cmd = [os.path.abspath(args.weir)] if args.weir else None
    h = Harness(cmd, os.path.abspath(args.keep) if args.keep else None, args.timeout)
    seeds = [args.seed] if args.seed is not None else range(args.first_seed,
                                                            args.first_seed + args.seeds)
    failed = []
    for seed in seeds:
        fails = h.run_seed(seed, args.queries, dry_run=args.dry_run)
        for f in fails:
            print("MISMATCH " + f + "\n", flush=True)
        if fails:
            failed.append(seed)
            print("reproduce: %s --weir %s --seed %d --queries %d\n" % (
                sys.argv[0], args.weir, seed, args.queries), flush=True)
            if not args.keep_going:
                break
    if args.dry_run:
        print("difftest: wrote %d seeds under %s" % (len(seeds), args.keep))
        return 0
    print("difftest: %d weir runs, %s" % (h.runs, "all matched" if not failed else
                                            "mismatches in seeds %s" % failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
