#!/bin/sh
# test_cli.sh - end-to-end tests of the `weir` command line: usage errors
# (exit 2), --version, --help, a tiny query's csv output and summary, the
# exact stderr of SQL errors (exit 1), a data error (exit 3), and the
# `--test` regression runner (pass, fail with a diff, --update).
#
# Usage: test_cli.sh PATH/TO/weir        (run by ctest, see CMakeLists.txt)
set -u
WEIR=${1:?usage: test_cli.sh PATH/TO/weir}
case $WEIR in /*) ;; *) WEIR=$(pwd)/$WEIR ;; esac
TMP=$(mktemp -d "${TMPDIR:-/tmp}/weir_cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
FAILS=0

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# expect_status WANT DESCRIPTION -- runs "$@" after the two, with stdin from
# /dev/null, stdout in $TMP/out and stderr in $TMP/err.
expect_status() {
    want=$1; what=$2; shift 2
    "$@" </dev/null >"$TMP/out" 2>"$TMP/err"
    got=$?
    [ "$got" -eq "$want" ] || { fail "$what: exit $got, want $want"; cat "$TMP/err"; }
}
# same_file EXPECTED_TEXT FILE DESCRIPTION
same_file() {
    printf '%s' "$1" >"$TMP/want"
    cmp -s "$TMP/want" "$2" || { fail "$3"; diff -u "$TMP/want" "$2"; }
}

# ---- usage -------------------------------------------------------------------
for args in "--bogus" "--format xml -c x" "--format" "-c" "-f" "--update" \
            "--set novalue -c x" "--test"; do
    # shellcheck disable=SC2086
    expect_status 2 "weir $args" "$WEIR" $args
    grep -q "Try 'weir --help'" "$TMP/err" || fail "weir $args: no usage hint on stderr"
    [ -s "$TMP/out" ] && fail "weir $args: wrote to stdout"
done

expect_status 0 "--version" "$WEIR" --version
same_file "weir 0.1.0
" "$TMP/out" "--version output"

expect_status 0 "--help" "$WEIR" --help
head -n 1 "$TMP/out" | grep -q '^usage: weir' || fail "--help: no usage line"
grep -q -- '--format' "$TMP/out" || fail "--help does not mention --format"

expect_status 3 "missing file" "$WEIR" "$TMP/nope.sql"
same_file "weir: $TMP/nope.sql: error: cannot read: No such file or directory
" "$TMP/err" "missing file message"

expect_status 2 "--test on a missing path" "$WEIR" --test "$TMP/nope"

# ---- a tiny query --------------------------------------------------------------
mkdir -p "$TMP/q"
cat >"$TMP/q/tx.csv" <<'CSV'
transaction_id,amount
tx1,3200
tx2,6000
CSV
SRC="CREATE SOURCE transactions (transaction_id VARCHAR, amount DOUBLE)
  WITH (connector = 'file', path = 'tx.csv', format = 'csv');"
printf '%s\nSELECT transaction_id, amount FROM transactions;\n' "$SRC" >"$TMP/q/query.sql"

cd "$TMP"
expect_status 0 "tiny query" "$WEIR" --format csv q/query.sql
same_file "transaction_id,amount
tx1,3200.0
tx2,6000.0
" "$TMP/out" "tiny query: stdout"
sed 's/elapsed [0-9.]*s/elapsed */' "$TMP/err" >"$TMP/err.norm"
same_file "-- source transactions: 2 rows read, 0 malformed
-- 2 rows emitted, 0 late rows dropped, elapsed *
" "$TMP/err.norm" "tiny query: summary"

expect_status 0 "tiny query, --quiet" "$WEIR" --quiet --format csv q/query.sql
[ -s "$TMP/err" ] && fail "--quiet still printed to stderr"

expect_status 0 "tiny query, json" "$WEIR" --quiet --format json q/query.sql
same_file '{"transaction_id":"tx1","amount":3200.0}
{"transaction_id":"tx2","amount":6000.0}
' "$TMP/out" "tiny query: json"

# statements from stdin; relative paths then resolve against the cwd
(cd q && "$WEIR" --quiet <query.sql >"$TMP/out" 2>"$TMP/err") || fail "stdin query: exit $?"
same_file "transaction_id,amount
tx1,3200.0
tx2,6000.0
" "$TMP/out" "stdin query: stdout"

# ---- SQL errors: exact stderr, exit 1 ------------------------------------------
printf '%s\nSELECT amout FROM transactions;\n' "$SRC" >"$TMP/q/unknown.sql"
expect_status 1 "unknown column" "$WEIR" q/unknown.sql
same_file 'weir: q/unknown.sql:3:8: error: unknown column "amout" in source "transactions"; did you mean "amount"?
  SELECT amout FROM transactions;
         ^
' "$TMP/err" "unknown column: stderr"
[ -s "$TMP/out" ] && fail "unknown column: wrote to stdout"

printf '%s\nSELEC amount FROM transactions;\n' "$SRC" >"$TMP/q/syntax.sql"
expect_status 1 "syntax error" "$WEIR" q/syntax.sql
head -n 1 "$TMP/err" | grep -q '^weir: q/syntax\.sql:3:1: error: .' \
    || { fail "syntax error: first line"; cat "$TMP/err"; }
tail -n +2 "$TMP/err" >"$TMP/err.tail"
same_file '  SELEC amount FROM transactions;
  ^
' "$TMP/err.tail" "syntax error: source line and caret"

expect_status 1 "-c error names <command>" "$WEIR" -c "SELEC 1;"
head -n 1 "$TMP/err" | grep -q '^weir: <command>:1:1: error: ' || fail "-c error: $(cat "$TMP/err")"

# ---- a data error: exit 3 --------------------------------------------------------
printf 'transaction_id,amount\ntx1,abc\n' >"$TMP/q/bad.csv"
sed 's/tx\.csv/bad.csv/' "$TMP/q/query.sql" >"$TMP/q/bad.sql"
expect_status 3 "bad record under on_error = fail" "$WEIR" q/bad.sql

# ---- the regression runner ---------------------------------------------------------
mkdir -p "$TMP/suite/a"
cp "$TMP/q/tx.csv" "$TMP/q/query.sql" "$TMP/suite/a/"
cp "$TMP/q/unknown.sql" "$TMP/suite/"
expect_status 1 "--test without expected files" "$WEIR" --test "$TMP/suite"
tail -n 1 "$TMP/out" | grep -qx '0 passed, 2 failed' || fail "--test summary: $(tail -n 1 "$TMP/out")"

expect_status 0 "--test --update" "$WEIR" --test "$TMP/suite" --update
[ -f "$TMP/suite/a/query.out" ] || fail "--update wrote no .out"
[ -f "$TMP/suite/a/query.err" ] && fail "--update wrote an .err for a passing case"
same_file 'weir: unknown.sql:3:8: error: unknown column "amout" in source "transactions"; did you mean "amount"?
  SELECT amout FROM transactions;
         ^
exit status 1
' "$TMP/suite/unknown.err" "--update: .err content"

expect_status 0 "--test after --update" "$WEIR" --test "$TMP/suite"
same_file "2 passed, 0 failed
" "$TMP/out" "--test: all pass"

sed 's/tx2/tx3/' "$TMP/suite/a/query.out" >"$TMP/x" && mv "$TMP/x" "$TMP/suite/a/query.out"
expect_status 1 "--test with a wrong .out" "$WEIR" --test "$TMP/suite"
grep -qx "FAIL $TMP/suite/a/query.sql" "$TMP/out" || fail "--test: no FAIL line"
grep -qx -- '-tx3,6000.0' "$TMP/out" || fail "--test: no diff line for the expected row"
grep -qx -- '+tx2,6000.0' "$TMP/out" || fail "--test: no diff line for the actual row"
tail -n 1 "$TMP/out" | grep -qx '1 passed, 1 failed' || fail "--test summary after failure"

# ---- -c, -f, several files, --set, the stdin connector ------------------------------
expect_status 0 "-c runs inline statements" "$WEIR" --quiet -c "SHOW SOURCES;"
same_file 'name
' "$TMP/out" "-c: SHOW SOURCES on an empty catalog"

expect_status 0 "-f runs one file" "$WEIR" --quiet -f q/query.sql
cp "$TMP/out" "$TMP/out.f"
expect_status 0 "the same file without -f" "$WEIR" --quiet q/query.sql
cmp -s "$TMP/out" "$TMP/out.f" || fail "-f: output differs from the plain file form"
[ -s "$TMP/out.f" ] || fail "-f: no output"

printf "CREATE SOURCE s2 (x BIGINT) WITH (connector = 'stdin', format = 'csv', csv.header = 'false');\n" >"$TMP/q/one.sql"
printf "SELECT x * 10 AS y FROM s2 WHERE x > 1;\n" >"$TMP/q/two.sql"
printf '1\n2\n3\n' | "$WEIR" --quiet q/one.sql q/two.sql >"$TMP/out" 2>"$TMP/err" || fail "stdin connector: exit $?"
same_file 'y
20
30
' "$TMP/out" "several files in order, a source on stdin"

printf "CREATE SOURCE p (x BIGINT, pt AS PROCTIME()) WITH (connector = 'stdin', format = 'csv', csv.header = 'false');\nSELECT x, pt FROM p;\n" >"$TMP/q/pt.sql"
printf '7\n8\n' | "$WEIR" --quiet --set debug.proctime.start='2024-05-11 10:00:00' --set debug.proctime.step=1500 q/pt.sql \
    >"$TMP/out" 2>"$TMP/err" || fail "--set: exit $?"
same_file 'x,pt
7,2024-05-11 10:00:00.000
8,2024-05-11 10:00:01.500
' "$TMP/out" "--set reaches the engine (simulated processing time)"

if [ "$FAILS" -ne 0 ]; then
    echo "$FAILS check(s) failed"
    exit 1
fi
echo "all cli checks passed"
