#!/usr/bin/env python3
"""check_model.py - weir's nexmark connector against nexmark_model.py, the
independent Python model beside this file (ctest nexmark/model).

1. Every expected output in tests/regress/nexmark/ that the model knows is
   exactly what the model computes (so no .out there was merely accepted from
   `weir --test --update`).
2. weir itself, on streams larger than the regression cases: every column of
   the three tables over 10,000 events with another seed, base time and
   event-time rate, each column declared alone too (a value must not depend on
   which other columns the source declares), and a negative seed.

Usage: check_model.py PATH/TO/weir REGRESS_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nexmark_model as nm  # noqa: E402

CASES = ["tables", "q0", "q1", "q2", "q11", "q12", "q14", "base_time", "unbounded", "throttled"]
TYPES = {"dateTime": "TIMESTAMP(3)", "expires": "TIMESTAMP(3)"}
STRINGS = {"name", "emailAddress", "creditCard", "city", "state", "extra", "itemName",
           "description", "channel", "url"}


def col_type(c):
    return TYPES.get(c, "VARCHAR" if c in STRINGS else "BIGINT")


def run_weir(weir, sql):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(sql)
        path = f.name
    try:
        r = subprocess.run([weir, "--quiet", "--format", "csv", path], capture_output=True,
                           text=True, timeout=300)
    finally:
        os.unlink(path)
    if r.returncode != 0:
        raise SystemExit("weir failed: " + r.stderr)
    return r.stdout


def first_diff(a, b):
    al, bl = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return "line %d:\n  weir:  %s\n  model: %s" % (i + 1, x[:200], y[:200])
    return "lengths differ: %d vs %d lines" % (len(al), len(bl))


def main():
    weir, regress = sys.argv[1], sys.argv[2]
    fails = 0
    for case in CASES:
        with open(os.path.join(regress, case + ".out")) as f:
            have = f.read()
        if have != nm.expected(case):
            print("FAIL: %s.out is not the model's output: %s" % (case, first_diff(have, nm.expected(case))))
            fails += 1

    events, seed, rate, base = 10000, 123456789, 2500, "2020-02-29 23:59:59.500"
    model = nm.Model(seed=seed, rate=rate, base=1583020799500)
    for table, cols in nm.COLUMNS.items():
        opts = ("WITH (connector = 'nexmark', 'nexmark.table' = '%s', events = '%d', seed = '%d', "
                "'nexmark.event-time-rate' = '%d', 'nexmark.base-time' = '%s')"
                % (table, events, seed, rate, base))
        want = nm.table_csv(model, table, events)
        decl = ", ".join("`%s` %s" % (c, col_type(c)) for c in cols)
        sql = "CREATE SOURCE t (%s) %s;\nSELECT * FROM t;\n" % (decl, opts)
        got = run_weir(weir, sql)
        exp = nm.csv(cols, want)
        if got != exp:
            print("FAIL: %s, every column: %s" % (table, first_diff(got, exp)))
            fails += 1
        # each column alone, in one script: one source per column
        sql = ""
        for i, c in enumerate(cols):
            sql += "CREATE SOURCE t%d (`%s` %s) %s;\nSELECT * FROM t%d;\n" % (i, c, col_type(c), opts, i)
        got = run_weir(weir, sql)
        exp = "".join(nm.csv([c], [(r[i],) for r in want]) for i, c in enumerate(cols))
        if got != exp:
            print("FAIL: %s, columns alone: %s" % (table, first_diff(got, exp)))
            fails += 1
    m2 = nm.Model(seed=-5)
    got = run_weir(weir, "CREATE SOURCE b (auction BIGINT, bidder BIGINT, price BIGINT, extra VARCHAR) "
                   "WITH (connector = 'nexmark', 'nexmark.table' = 'bid', events = '3000', seed = '-5');\n"
                   "SELECT * FROM b;\n")
    exp = nm.csv(["auction", "bidder", "price", "extra"],
                 [(r["auction"], r["bidder"], r["price"], r["extra"]) for _, r in m2.rows("bid", 3000)])
    if got != exp:
        print("FAIL: seed -5: " + first_diff(got, exp))
        fails += 1
    if fails:
        return 1
    print("weir's nexmark connector matches the model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
