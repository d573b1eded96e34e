#!/bin/sh
# test_stdin_state.sh - `--state` with a source reading stdin: the position is
# checkpointed like a file's, so stdin redirected from a file resumes after a
# kill with the output of an uninterrupted run; stdin from a pipe cannot be read
# again, so resuming it is refused with a message that says so and names
# --reset-state, which then starts over.
#
# The job is a changelog (COUNT per a % 7 over stdin). The pipe case keeps the
# pipe open after the data, so the job waits, checkpointed, until it is killed.
# The file case is killed as soon as a checkpoint past the start is in the
# state file (checking that the job was still running: a finished one would
# prove nothing), resumed from the same file, and must end in the reference's
# final state (stdout is at-least-once: rows after the checkpoint may repeat).
#
# Usage: test_stdin_state.sh PATH/TO/weir        (run by ctest)
set -u
WEIR=${1:?usage: test_stdin_state.sh PATH/TO/weir}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/weir_stdin_state.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
cd "$TMP" || exit 1
python3 -c "
print('a')
for i in range(1000000): print(i)" > data.csv
Q="CREATE SOURCE s (a INT) WITH (connector = 'stdin', format = 'csv');
SELECT a % 7 AS r, COUNT(*) AS c FROM s GROUP BY a % 7;"

# 1. a pipe that stays open after the data: killed while it waits, then refused
# (no pkill: procps is not on every fresh machine; $! of a background pipeline
# is the pid of its last command, weir)
(cat data.csv; sleep 4) 2>/dev/null | "$WEIR" --quiet --state "$TMP/p.db" --set checkpoint.interval=20ms -c "$Q" >/dev/null 2>&1 &
pid=$!
n=0
until [ -s p.db ] && python3 - <<'PY' 2>/dev/null
import sqlite3, sys
r = sqlite3.connect("p.db").execute("SELECT ckpt FROM weir_job WHERE idx = 0").fetchone()
sys.exit(0 if r and r[0] >= 3 else 1)
PY
do
    n=$((n + 1)); [ $n -gt 200 ] && { fail "no checkpoint of the pipe job"; break; }
    sleep 0.05
done
sleep 0.3
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
cat data.csv | "$WEIR" --quiet --state p.db -c "$Q" >out.csv 2>err.txt
rc=$?
[ $rc -eq 3 ] || fail "resuming a pipe: exit $rc, expected 3"
grep -q 'error: cannot restore job 1 from state file "p.db": source "s": cannot resume "stdin" at byte [0-9]*: it is a pipe, whose input cannot be read again; use --reset-state to start over' err.txt ||
    { fail "the pipe refusal message"; cat err.txt; }
cat data.csv | "$WEIR" --quiet --state p.db --reset-state -c "$Q" >out.csv 2>err.txt || fail "--reset-state: exit $?"
"$WEIR" --quiet -c "$Q" <data.csv >ref.csv 2>/dev/null || fail "the reference run: exit $?"
cmp -s out.csv ref.csv || fail "--reset-state did not start over"

# 2. stdin redirected from a file: killed mid-way, resumed from the same file
rm -f f.db f.db-wal f.db-shm
"$WEIR" --quiet --state f.db --set checkpoint.interval=1ms -c "$Q" <data.csv >out1.csv 2>/dev/null &
pid=$!
n=0
until python3 - <<'PY' 2>/dev/null
import sqlite3, sys
r = sqlite3.connect("f.db").execute("SELECT ckpt FROM weir_job WHERE idx = 0").fetchone()
sys.exit(0 if r and r[0] >= 2 else 1)
PY
do
    n=$((n + 1)); [ $n -gt 400 ] && break
    sleep 0.005
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
python3 - <<'PY' || fail "the file job was not killed while running after a checkpoint"
import sqlite3, sys
r = sqlite3.connect("f.db").execute("SELECT status, ckpt FROM weir_job WHERE idx = 0").fetchone()
sys.exit(0 if r and r[0] == "running" and r[1] >= 2 else 1)
PY
"$WEIR" --quiet --state f.db -c "$Q" <data.csv >out2.csv 2>err.txt || { fail "resuming a redirected file: exit $?"; cat err.txt; }
# at-least-once on stdout: the resumed run goes on from the checkpoint; the
# final +U rows (the last state of each group) equal the reference's.
last() { grep '^[+]' "$1" | awk -F, '{v[$2]=$0} END {for (k in v) print v[k]}' | sort; }
[ "$(last out2.csv)" = "$(last ref.csv)" ] || { fail "the resumed file run ends in another state"; last out2.csv; last ref.csv; }

[ "$FAILS" -eq 0 ] && echo "test_stdin_state: all passed"
exit "$FAILS"
