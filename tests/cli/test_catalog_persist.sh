#!/bin/sh
# test_catalog_persist.sh - `--catalog PATH` keeps sources and views across runs:
# one run creates a source (relative path, resolved against the directory of the
# .sql file that holds the CREATE) and a view; a second run, from another working
# directory, lists and queries them; DROP persists too; sink jobs are listed by
# SHOW JOBS in later runs (one killed while running shows as interrupted);
# without --catalog nothing persists.
#
# Usage: test_catalog_persist.sh PATH/TO/weir        (run by ctest)
set -u
WEIR=${1:?usage: test_catalog_persist.sh PATH/TO/weir}
case $WEIR in /*) ;; *) WEIR=$(pwd)/$WEIR ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/weir_catalog.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# check WANT_TEXT DESCRIPTION -- compares $TMP/out with WANT_TEXT.
check() {
    printf '%s' "$1" >"$TMP/want"
    cmp -s "$TMP/want" "$TMP/out" || { fail "$2"; diff -u "$TMP/want" "$TMP/out"; cat "$TMP/err"; }
}

mkdir -p "$TMP/defs" "$TMP/elsewhere"
printf 'id,n\nx,1\ny,2\n' >"$TMP/defs/data.csv"
cat >"$TMP/defs/create.sql" <<'SQL'
CREATE SOURCE s (id VARCHAR, n INT) WITH (connector = 'file', path = 'data.csv', format = 'csv');
CREATE VIEW v AS SELECT UPPER(id) AS u, n * 10 AS n10 FROM s;
SQL

(cd "$TMP" && "$WEIR" --catalog "$TMP/cat.db" --quiet defs/create.sql </dev/null >"$TMP/out" 2>"$TMP/err") ||
    fail "creating in the catalog: exit $?"

cd "$TMP/elsewhere" || exit 1
"$WEIR" --catalog "$TMP/cat.db" --format csv --quiet -c 'SHOW SOURCES; SHOW VIEWS; SELECT u, n10 FROM v;' \
    </dev/null >"$TMP/out" 2>"$TMP/err" || fail "second run: exit $?"
check 'name
s
name
v
u,n10
X,10
Y,20
' "source and view persist; the relative path still points at defs/data.csv"

"$WEIR" --catalog "$TMP/cat.db" --format csv --quiet -c 'DROP VIEW v;' </dev/null >"$TMP/out" 2>"$TMP/err" ||
    fail "drop: exit $?"
"$WEIR" --catalog "$TMP/cat.db" --format csv --quiet -c 'SHOW VIEWS; SHOW SOURCES;' \
    </dev/null >"$TMP/out" 2>"$TMP/err" || fail "after drop: exit $?"
check 'name
name
s
' "DROP VIEW persists"

# Jobs: one finished, one refused before it starts (its directory does not exist:
# no job), one killed while it
# runs (an unbounded datagen source into a blackhole), then SHOW JOBS in a new run.
"$WEIR" --catalog "$TMP/cat.db" --quiet -c "
  CREATE TABLE done_t (id VARCHAR) WITH (connector = 'blackhole');
  INSERT INTO done_t SELECT id FROM s;
  CREATE TABLE bad_t (id VARCHAR) WITH (connector = 'file', path = '$TMP/no/such/dir/x.csv', format = 'csv');
  INSERT INTO bad_t SELECT id FROM s;" </dev/null >"$TMP/out" 2>"$TMP/err" && fail "a job writing to a missing directory succeeded"
"$WEIR" --catalog "$TMP/cat.db" --quiet -c "
  CREATE SOURCE g (x BIGINT) WITH (connector = 'datagen');
  CREATE SINK forever WITH (connector = 'blackhole') AS SELECT x FROM g;" </dev/null >/dev/null 2>&1 &
pid=$!
n=0
until "$WEIR" --catalog "$TMP/cat.db" --format csv --quiet -c 'SHOW JOBS;' </dev/null 2>/dev/null | grep -q '^forever,running$'; do
    n=$((n + 1)); [ $n -gt 100 ] && { fail "the running job never showed up in SHOW JOBS"; break; }
    sleep 0.05
done
kill -9 $pid; wait $pid 2>/dev/null
"$WEIR" --catalog "$TMP/cat.db" --format csv --quiet -c 'SHOW JOBS;' </dev/null >"$TMP/out" 2>"$TMP/err" || fail "SHOW JOBS: exit $?"
check 'name,state
done_t,finished
forever,interrupted
' "SHOW JOBS lists earlier runs' jobs; a killed one is interrupted"

"$WEIR" --format csv --quiet -c 'SHOW SOURCES;' </dev/null >"$TMP/out" 2>"$TMP/err" || fail "no catalog: exit $?"
check 'name
' "without --catalog nothing persists"

[ "$FAILS" -eq 0 ] && echo "test_catalog_persist: all passed"
exit "$FAILS"
