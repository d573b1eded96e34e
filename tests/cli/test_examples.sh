#!/bin/sh
# test_examples.sh - the shipped examples give exactly the output the
# scenarios promise (scenario 1 in both window syntaxes and in processing
# time), run from any directory.
# Usage: test_examples.sh PATH/TO/weir EXAMPLES_DIR
set -u
WEIR=$1
EX=$2
FAILS=0
want='transaction_id,window_start,total
tx1,2024-05-11 10:00:00.000,11700.0
tx1,2024-05-11 10:00:10.000,9000.0'
cd /tmp || exit 1
for f in transactions.sql transactions_tvf.sql transactions_proctime.sql; do
    got=$("$WEIR" --quiet --format csv "$EX/$f" </dev/null 2>&1)
    if [ "$got" != "$want" ]; then
        echo "FAIL: examples/$f printed:"
        echo "$got"
        FAILS=$((FAILS + 1))
    fi
done
[ "$FAILS" -eq 0 ] && echo "all examples match" && exit 0
exit 1
