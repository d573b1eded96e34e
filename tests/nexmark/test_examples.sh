#!/bin/sh
# test_examples.sh - the Nexmark queries in examples/nexmark/ run as shipped
# (ctest nexmark/examples): each file, from another directory, exits 0 and its
# summary says the source read the 920,000 bids of its 1,000,000 events (46 of
# every 50 events are bids); q0 and q1 pass every bid to their sink.  The
# queries' results are checked on small streams by tests/regress/nexmark/.
# Usage: test_examples.sh PATH/TO/weir EXAMPLES_DIR
set -u
WEIR=$1
EX=$2/nexmark
FAILS=0
cd /tmp || exit 1
for q in q0 q1 q2 q11 q12 q14; do
    if ! err=$("$WEIR" "$EX/$q.sql" 2>&1 >/dev/null </dev/null); then
        echo "FAIL: examples/nexmark/$q.sql failed:"
        echo "$err"
        FAILS=$((FAILS + 1))
        continue
    fi
    case $err in
    *"source bid: 920000 rows read, 0 malformed"*) ;;
    *) echo "FAIL: examples/nexmark/$q.sql: unexpected summary:"; echo "$err"; FAILS=$((FAILS + 1)) ;;
    esac
    case $q in
    q0|q1) case $err in
           *"920000 rows emitted"*) ;;
           *) echo "FAIL: examples/nexmark/$q.sql did not pass every bid on:"; echo "$err"; FAILS=$((FAILS + 1)) ;;
           esac ;;
    esac
done
[ "$FAILS" -eq 0 ] && echo "all nexmark examples ran" && exit 0
exit 1
