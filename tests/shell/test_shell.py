#!/usr/bin/env python3
"""test_shell.py - end-to-end tests of weir's interactive shell (cli/shell.c)
driven through a real pseudo-terminal (ptyrun.py, standard library only).

  - a multi-line windowed query prints as a streaming table, with the
    continuation prompt; .mode csv / json; .timer; .sources; .schema; .read
  - a syntax error prints with its caret and the shell goes on
  - Tab completes keywords, source names and column names
  - Ctrl-C while typing drops the statement; Ctrl-C on a long query (a file
    of a few million rows streamed to the terminal) and on an unbounded
    datagen query that emits nothing returns to a working prompt; the
    progress line shows while it runs
  - history is written to $HOME/.weir_history, kept bounded, and read back
    (Up arrow) by the next session
  - .quit and Ctrl-D exit with status 0; the progress line never shows when
    stderr is not a terminal

Usage: test_shell.py PATH/TO/weir       (run by ctest, see CMakeLists.txt)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyrun import Pty  # noqa: E402

WEIR = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit("usage: test_shell.py WEIR")
TMP = tempfile.mkdtemp(prefix="weir_shell.")
HOME = os.path.join(TMP, "home")
os.mkdir(HOME)
ENV = {"HOME": HOME, "TERM": "xterm", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
       "LANG": "C.UTF-8"}
PROMPT = r"weir> $"   # the prompt waiting at the end of the screen
HIST = os.path.join(HOME, ".weir_history")

with open(os.path.join(TMP, "t.csv"), "w") as f:
    f.write("ts,amount\n2024-05-11 10:00:01,1\n2024-05-11 10:00:07,2\n"
            "2024-05-11 10:00:12,4\n2024-05-11 10:00:13,8\n")
CREATE_T = ("CREATE SOURCE t (ts TIMESTAMP, amount INT, WATERMARK FOR ts AS ts)\r"
            "WITH (connector = 'file', path = 't.csv', format = 'csv');\r")
WINDOWED = ("SELECT window_start, window_end,\r"
            "       COUNT(*) AS c, SUM(amount) AS s\r"
            "FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' SECOND))\r"
            "GROUP BY window_start, window_end;\r")

FAILS = []
# Known failures waiting on a fix outside the shell: reported as XFAIL, not
# counted; an XPASS says the entry can go.
#   test_ctrl_c_silent_unbounded: weir_query_step (engine/weir.c) loops over
#   pipeline_step until a row comes, so weir_interrupt is never looked at by a
#   query that emits nothing.
KNOWN = set()
XFAILS = []


def shell(*extra):
    p = Pty([WEIR] + list(extra), env=ENV, cwd=TMP)
    p.expect(PROMPT)
    return p


def run(p, keys, timeout=10):
    """Sends keys and waits for the next prompt; returns the screen text in between."""
    start = len(p.raw)
    p.send(keys)
    p.expect(PROMPT, timeout)
    return p.text(start)


def check(cond, what, screen=""):
    if not cond:
        raise AssertionError(what + ("\n--- screen ---\n" + screen if screen else ""))


def test_multiline_windowed_table():
    p = shell()
    try:
        out = run(p, CREATE_T)
        check("..> WITH" in out, "continuation prompt on the second line", out)
        out = run(p, WINDOWED)
        check(out.count("..> ") == 3, "three continuation prompts", out)
        want = [
            r"\+-+\+-+\+-+\+-+\+\n\| window_start +\| window_end +\| c +\| s +\|\n\+-",
            r"\| 2024-05-11 10:00:00\.000 \| 2024-05-11 10:00:05\.000 \| +1 \| +1 \|",
            r"\| 2024-05-11 10:00:05\.000 \| 2024-05-11 10:00:10\.000 \| +1 \| +2 \|",
        ]
        for rx in want:
            check(re.search(rx, out), "table line /%s/" % rx, out)
        check(re.search(r"\| 2024-05-11 10:00:10\.000 \| 2024-05-11 10:00:15\.000 \| +2 \| +12 \|", out),
              "the last window", out)
        check(re.search(r"\n3 rows\n", out), "row count line", out)
        p.send(".quit\r")
        check(p.wait() == 0, "exit status 0 after .quit")
    finally:
        p.kill()


def test_syntax_error_keeps_shell():
    p = shell()
    try:
        out = run(p, "SELECT amount\rFROM t WHERE;\r")
        check("weir: <shell>:2:13: error: syntax error" in out, "error names <shell> and the position", out)
        check(re.search(r"\n  FROM t WHERE;\n {14}\^\n", out), "offending line and caret", out)
        out = run(p, "SELECT nope FROM t;\r")
        check("error: unknown source" in out or "error:" in out, "a name error", out)
        out = run(p, CREATE_T)
        out = run(p, "SELECT amount FROM t WHERE amount > 2;\r")
        check(re.search(r"\| +4 \|\n\| +8 \|\n\+-+\+\n2 rows", out), "works after errors", out)
        p.send_key_at_prompt("\x04")
        check(p.wait() == 0, "exit status 0 after Ctrl-D")
    finally:
        p.kill()


def test_meta_commands():
    with open(os.path.join(TMP, "script.sql"), "w") as f:
        f.write(CREATE_T.replace("\r", "\n") + "SELECT amount FROM t WHERE amount = 2;\n")
    with open(os.path.join(TMP, "bad.sql"), "w") as f:
        f.write("-- a comment\nSELECT amount FROM t WHERE;\n")
    p = shell()
    try:
        out = run(p, ".help\r")
        for word in (".read", ".mode", ".timer", ".sources", ".schema", ".quit"):
            check(word in out, ".help mentions " + word, out)
        out = run(p, ".read script.sql\r")
        check(re.search(r"\| amount +\|.*\| +2 \|\n\+-+\+\n1 row\n", out, re.S), ".read runs the file", out)
        out = run(p, ".read bad.sql\r")
        check("weir: bad.sql:2:" in out and "^" in out, ".read errors name the file", out)
        out = run(p, ".mode csv\r")
        out = run(p, "SELECT amount FROM t WHERE amount > 3;\r")
        check("\namount\n4\n8\n" in out, ".mode csv", out)
        run(p, ".mode json\r")
        out = run(p, "SELECT amount FROM t WHERE amount = 8;\r")
        check('{"amount":8}' in out, ".mode json", out)
        out = run(p, ".mode\r")
        check("json" in out, ".mode without argument says the mode", out)
        run(p, ".mode table\r")
        out = run(p, ".timer on\r")
        out = run(p, "SELECT amount FROM t WHERE amount = 8;\r")
        check(re.search(r"-- run time: \d+\.\d{3}s", out), ".timer on", out)
        run(p, ".timer off\r")
        out = run(p, "SELECT amount FROM t WHERE amount = 8;\r")
        check("run time" not in out, ".timer off", out)
        out = run(p, ".sources\r")
        check(re.search(r"\| name +\|.*\| t +\|", out, re.S), ".sources lists t", out)
        out = run(p, ".schema t\r")
        check(re.search(r"CREATE SOURCE t \(ts TIMESTAMP, amount INT, WATERMARK FOR ts AS ts\)\nWITH \(connector = 'file', path = 't.csv', format = 'csv'\);\n", out), ".schema t prints its CREATE statement", out)
        out = run(p, ".schema\r")
        check("CREATE SOURCE t (" in out, ".schema lists everything", out)
        out = run(p, ".schema nosuch\r")
        check("error" in out, ".schema of an unknown name is an error", out)
        with open(os.path.join(TMP, "with space.sql"), "w") as f:
            f.write("SELECT amount FROM t WHERE amount = 4;\n")
        out = run(p, ".read  with space.sql  \r")
        check(re.search(r"\| +4 \|\n\+-+\+\n1 row\n", out), ".read a name with a space", out)
        out = run(p, ".read nosuch.sql\r")
        check("weir: nosuch.sql: error: cannot read" in out, ".read a missing file", out)
        out = run(p, ".mode xml\r")
        check("unknown mode 'xml'" in out, ".mode xml", out)
        out = run(p, ".bogus\r")
        check("unknown command '.bogus'" in out, "unknown meta-command", out)
        out = run(p, "SHOW SOURCES;\r")
        check(re.search(r"\| t +\|", out), "SHOW SOURCES", out)
        out = run(p, "DESCRIBE t;\r")
        check("TIMESTAMP" in out, "DESCRIBE", out)
        out = run(p, "EXPLAIN SELECT amount FROM t;\r")
        check("plan" in out, "EXPLAIN", out)
        p.send(".quit\r")
        check(p.wait() == 0, ".quit")
    finally:
        p.kill()


def test_completion():
    p = shell()
    try:
        run(p, CREATE_T)
        # keyword (upper and lower case), source name after FROM, column name
        out = run(p, "SEL\t* FR\tt LIMIT 1;\r")
        check(re.search(r"\| 2024-05-11 10:00:01\.000 \| +1 \|\n\+-+\+-+\+\n1 row", out),
              "SEL<Tab> and FR<Tab> complete", out)
        out = run(p, "sel\tam\tFROM \t WHERE amount = 4;\r")
        check(re.search(r"\| amount +\|\n\+-+\+\n\| +4 \|", out),
              "sel<Tab>, am<Tab> (column) and FROM <Tab> (the only source)", out)
        # ambiguous: lists the candidates, then the line goes on
        out = run(p, "SELECT COU\t\t(*) FROM t;\r")
        check(re.search(r"\| +4 \|", out), "COU<Tab> completes to COUNT", out)
        p.send(".mo\t csv\r")
        p.expect(PROMPT)
        out = run(p, "SELECT amount FROM t WHERE amount = 1;\r")
        check("\namount\n1\n" in out, ".mo<Tab> completes .mode", out)
        p.send(".quit\r")
        p.wait()
    finally:
        p.kill()


def test_ctrl_c_while_typing():
    p = shell()
    try:
        run(p, CREATE_T)
        p.send("SELECT amount\r")
        p.expect(r"\.\.> $")
        # libedit may draw the prompt a moment before it puts the terminal in
        # raw mode; a ^C in that gap is a plain SIGINT (see the closing note).
        p.wait_raw()
        out = run(p, "\x03")
        check("^C" in out, "^C shown", out)
        out = run(p, "SELECT COUNT(*) AS n FROM t;\r")
        check(re.search(r"\| op \| n +\|", out) and "error" not in out, "the dropped line is gone", out)
        p.send(".quit\r")
        check(p.wait() == 0, ".quit after ^C")
    finally:
        p.kill()


def make_big(path, rows):
    with open(path, "w") as f:
        f.write("ts,amount\n")
        chunk = []
        for i in range(rows):
            chunk.append("2024-05-11 10:%02d:%02d.%03d,%d\n" % (i // 60000 % 60, i // 1000 % 60, i % 1000, i % 97))
            if len(chunk) == 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))


def test_ctrl_c_right_after_prompt():
    """A ^C sent the moment the prompt shows, before libedit may have put the
    terminal in raw mode: it arrives either as the ^C key or as a SIGINT, and
    both must cancel the line and draw a fresh prompt (the self-pipe path)."""
    p = shell()
    try:
        for i in range(8):
            p.send("SELECT %d" % i)
            out = run(p, "\x03")
            check("^C" in out, "^C shown (round %d)" % i, out)
            # the same ^C again at once, at an empty prompt, in the raw-mode gap
            out = run(p, "\x03")
            check("^C" in out, "^C at an empty prompt (round %d)" % i, out)
        out = run(p, "SHOW SOURCES;\r")
        check("SHOW SOURCES" in out and "error" not in out, "nothing typed before ^C survived", out)
        p.send(".quit\r")
        check(p.wait() == 0, ".quit")
    finally:
        p.kill()


def test_ctrl_c_long_query():
    big = os.path.join(TMP, "big.csv")
    make_big(big, 3000000)
    p = shell()
    try:
        run(p, "CREATE SOURCE big (ts TIMESTAMP, amount INT, WATERMARK FOR ts AS ts)\r"
               "WITH (connector = 'file', path = 'big.csv', format = 'csv');\r")
        start = len(p.raw)
        p.send("SELECT ts, amount FROM big;\r")
        p.expect(r"\| 2024-05-11 10:00:00\.001 \| +1 \|")
        p.drain(1.5)                       # let it stream (and the progress line show)
        p.send("\x03")
        p.expect(r"-- query cancelled\n.*" + PROMPT, timeout=15)
        screen = p.text(start)
        raw = p.raw[start:]
        check(re.search(rb"-- [\d,]+ rows in, [\d.]+[kM]? rows/s, [\d,]+ out, "
                        rb"watermark 2024-05-11 \d\d:\d\d:\d\d, 0 late, 0 malformed", raw),
              "the progress line shows while the query runs", screen[-2000:])
        check(b"\r\x1b[K" in raw, "the progress line is erased")
        n = re.search(r"\n(\d+) rows\n", screen)
        check(n and 0 < int(n.group(1)) < 3000000, "the query stopped early", screen[-2000:])
        # the engine is still usable
        out = run(p, CREATE_T)
        out = run(p, "SELECT amount FROM t WHERE amount = 4;\r")
        check(re.search(r"\| +4 \|\n\+-+\+\n1 row\n", out), "a query after ^C works", out)
        p.send_key_at_prompt("\x04")
        check(p.wait() == 0, "Ctrl-D after ^C")
    finally:
        p.kill()


def test_ctrl_c_silent_unbounded():
    """Ctrl-C on an unbounded datagen query that emits no row (so no row hook
    ever runs): the interrupt must still reach the engine."""
    p = shell()
    try:
        out = run(p, "CREATE SOURCE g (v BIGINT) WITH (connector = 'datagen');\r")
        p.send("SELECT v FROM g WHERE v <> v;\r")
        p.drain(1.0)
        if "error" in out + p.text(p.mark):
            print("SKIP test_ctrl_c_silent_unbounded: no datagen connector: %s"
                  % (out + p.text(p.mark)).strip().splitlines()[-2:])
            return
        t0 = time.time()
        p.send("\x03")
        p.expect(r"-- query cancelled\n.*" + PROMPT, timeout=10)
        check(time.time() - t0 < 5, "the query stopped promptly")
        out = run(p, "SELECT v FROM g LIMIT 2;\r")
        check(re.search(r"\n2 rows\n", out), "a query after ^C works", out)
        p.send(".quit\r")
        check(p.wait() == 0, ".quit")
    finally:
        p.kill()


def test_history():
    if os.path.exists(HIST):
        os.remove(HIST)
    p = shell()
    try:
        run(p, CREATE_T)
        run(p, "SELECT amount\rFROM t WHERE amount = 8;\r")
        p.send(".quit\r")
        check(p.wait() == 0, ".quit")
    finally:
        p.kill()
    check(os.path.exists(HIST), "history file written")
    with open(HIST) as f:
        hist = f.read()
    check("SELECT\\040amount\\012FROM\\040t\\040WHERE\\040amount\\040=\\0408;" in hist,
          "the multi-line statement is one entry", hist)
    check(".quit" in hist, "meta-commands are remembered", hist)
    # the next session reads it back: Up Up (skipping .quit) recalls the SELECT
    p = shell()
    try:
        run(p, CREATE_T)
        out = run(p, "\x1b[A\x1b[A\x1b[A\r")
        check(re.search(r"\| +8 \|\n\+-+\+\n1 row\n", out), "Up arrow recalls the statement", out)
        p.send_key_at_prompt("\x04")
        p.wait()
    finally:
        p.kill()
    # kept bounded
    with open(HIST, "w") as f:
        f.write("_HiStOrY_V2_\n" + "".join("SELECT\\040%d;\n" % i for i in range(1500)))
    p = shell()
    try:
        p.send(".quit\r")
        p.wait()
    finally:
        p.kill()
    with open(HIST) as f:
        lines = f.read().splitlines()
    check(len(lines) <= 1001, "history bounded to 1000 entries, got %d lines" % len(lines))
    check(lines[-1] == ".quit" and "SELECT\\0401499;" in lines, "the newest entries are kept", "\n".join(lines[-3:]))


def test_no_progress_in_a_pipe():
    big = os.path.join(TMP, "big.csv")
    if not os.path.exists(big):
        make_big(big, 3000000)
    sql = ("CREATE SOURCE big (ts TIMESTAMP, amount INT, WATERMARK FOR ts AS ts) "
           "WITH (connector = 'file', path = 'big.csv', format = 'csv'); SELECT ts, amount FROM big;")
    r = subprocess.run([WEIR, "-c", sql], cwd=TMP, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    check(r.returncode == 0, "file run ok: " + r.stderr.decode()[-500:])
    check(b"rows in," not in r.stderr and b"\x1b" not in r.stderr,
          "no progress line on a pipe", r.stderr.decode()[-500:])


TESTS = [test_ctrl_c_right_after_prompt, test_multiline_windowed_table, test_syntax_error_keeps_shell, test_meta_commands,
         test_completion, test_ctrl_c_while_typing, test_ctrl_c_long_query,
         test_ctrl_c_silent_unbounded, test_history, test_no_progress_in_a_pipe]

if __name__ == "__main__":
    only = sys.argv[2:]
    for t in TESTS:
        if only and t.__name__ not in only:
            continue
        t0 = time.time()
        try:
            t()
            print("%s %s (%.1fs)" % ("XPASS" if t.__name__ in KNOWN else "ok  ", t.__name__, time.time() - t0))
        except Exception as e:  # noqa: BLE001 - report every failure, go on
            if t.__name__ in KNOWN:
                print("XFAIL %s: %s" % (t.__name__, str(e).splitlines()[0]))
                XFAILS.append(t.__name__)
                continue
            FAILS.append(t.__name__)
            print("FAIL %s: %s" % (t.__name__, e))
            if not isinstance(e, AssertionError):
                traceback.print_exc()
    shutil.rmtree(TMP, ignore_errors=True)
    ran = len(only) if only else len(TESTS)
    print("%d passed, %d failed, %d known failures" % (ran - len(FAILS) - len(XFAILS), len(FAILS), len(XFAILS)))
    sys.exit(1 if FAILS else 0)
