#!/bin/sh
# test_examples_capi.sh - the C API examples (examples/*.c) print exactly the
# expected output: push_transactions over its built-in stream (alerts fire
# mid-stream) and over the scenario-1 data, run_sql over examples/transactions.sql.
# Run from another directory to show relative paths resolve against the .sql file.
# Usage: test_examples_capi.sh PUSH_TRANSACTIONS RUN_SQL EXAMPLES_DIR
set -u
PUSH=$1
RUNSQL=$2
EX=$3
FAILS=0
cd /tmp || exit 1

check() { # name want got
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1 printed:"
        echo "$3"
        echo "expected:"
        echo "$2"
        FAILS=$((FAILS + 1))
    fi
}

want='push tx1,2024-05-11 10:00:00,3200
push tx2,2024-05-11 10:00:03,500
push tx1,2024-05-11 10:00:05,6000
push tx1,2024-05-11 10:00:09,2500
push tx1,2024-05-11 10:00:10,9000
push tx2,2024-05-11 10:00:12,8500
  ALERT tx1 window 2024-05-11 10:00:00.000 total 11700.0
push tx3,2024-05-11 10:00:15,100
push tx1,2024-05-11 10:00:21,10
  ALERT tx1 window 2024-05-11 10:00:10.000 total 9000.0
  ALERT tx2 window 2024-05-11 10:00:10.000 total 8500.0
close
3 alerts'
check "push_transactions" "$want" "$("$PUSH" 2>&1)"

want='push tx1,2024-05-11 10:00:00,3200
push tx1,2024-05-11 10:00:05,6000
push tx1,2024-05-11 10:00:09,2500
push tx1,2024-05-11 10:00:10,9000
close
  ALERT tx1 window 2024-05-11 10:00:00.000 total 11700.0
  ALERT tx1 window 2024-05-11 10:00:10.000 total 9000.0
2 alerts'
check "push_transactions data/transactions.csv" "$want" "$("$PUSH" "$EX/data/transactions.csv" 2>&1)"

want="transaction_id VARCHAR | window_start TIMESTAMP | total DOUBLE
'tx1' | 2024-05-11 10:00:00 (epoch ms 1715421600000) | 11700.00
'tx1' | 2024-05-11 10:00:10 (epoch ms 1715421610000) | 9000.00
rows in 4, rows out 2"
check "run_sql transactions.sql" "$want" "$("$RUNSQL" "$EX/transactions.sql" 2>&1)"
check "run_sql transactions_tvf.sql" "$want" "$("$RUNSQL" "$EX/transactions_tvf.sql" 2>&1)"

# an error in the file is reported with its position, exit status 1
got=$(printf 'CREATE SOURCE s (a BIGINT) WITH (connector = %s);\nSELECT b FROM s;\n' "'api'" >/tmp/capi_bad_$$.sql; "$RUNSQL" /tmp/capi_bad_$$.sql 2>&1; echo "exit $?")
rm -f /tmp/capi_bad_$$.sql
case "$got" in
*'unknown column "b"'*'exit 1') ;;
*) echo "FAIL: run_sql on a bad query printed: $got"; FAILS=$((FAILS + 1)) ;;
esac

[ "$FAILS" -eq 0 ] && echo "all C API examples match" && exit 0
exit 1
