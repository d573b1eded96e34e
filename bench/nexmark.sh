#!/usr/bin/env bash
# nexmark.sh - the Nexmark queries weir runs (examples/nexmark/q0, q1, q2, q11,
# q12) over EVENTS generated events each, beside a hand-written limit for q0, q1
# and q2 (limit_nexmark.c: the same generator fused with the query's trivial
# work).  See bench/README.md, section "Nexmark".
#
# Where it sits: builds nothing.  It copies each example beside the results
# ($BENCH_DATA/nexmark/), with events = EVENTS (the sink stays blackhole), adds
# "q2 narrow" (q2 over a source declaring only auction and price: the connector
# generates only declared columns), runs each RUNS times under measure.py (CPU
# time user+sys and peak RSS per run, from wait4 / GNU time) and prints events
# per second per core (events / CPU seconds; bids are 46 of every 50 events).
# Checks: every run exits 0, weir's source read 46/50 of the events, and weir's
# q2 emits exactly the rows the limit counts.
#
# Usage: bench/nexmark.sh [EVENTS]        (default 10000000)
# Environment: BUILD (default /work/main/build), BENCH_DATA (default
# $BUILD/bench-data), RUNS (default 3).
# Exit status: 0 when every run succeeded and the checks held, else 1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
EXAMPLES=$HERE/../examples/nexmark
BUILD=${BUILD:-/work/main/build}
DATA=${BENCH_DATA:-$BUILD/bench-data}/nexmark
RUNS=${RUNS:-3}
EVENTS=${1:-10000000}
WEIR=$BUILD/weir
LIMIT=$BUILD/limit_nexmark

die() { echo "nexmark.sh: $*" >&2; exit 1; }
case $EVENTS in ''|*[!0-9]*) die "usage: nexmark.sh [EVENTS]" ;; esac
for exe in "$WEIR" "$LIMIT"; do
    [ -x "$exe" ] || die "$exe is missing: build first (cmake -S $HERE/.. -B $BUILD && cmake --build $BUILD -j2)"
done
command -v python3 >/dev/null || die "python3 is needed to measure CPU time and peak RSS"
mkdir -p "$DATA"

# The query files: the examples with events = EVENTS, and q2 over a narrow source.
for q in q0 q1 q2 q11 q12; do
    sed "s/'events' = '[0-9]*'/'events' = '$EVENTS'/" "$EXAMPLES/$q.sql" > "$DATA/$q.sql"
done
python3 - "$DATA/q2.sql" "$DATA/q2n.sql" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r"CREATE TABLE bid \(.*?\) WITH", "CREATE TABLE bid (\n    auction  BIGINT,\n    price  BIGINT\n) WITH",
           s, count=1, flags=re.S)
open(sys.argv[2], "w").write(s)
EOF

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
rate() { awk -v r="$1" -v c="$2" 'BEGIN { if (c > 0) printf "%6.2f M", r / c / 1e6; else print "   inf" }'; }

status=0
bids=$((EVENTS / 50 * 46 + (EVENTS % 50 > 4 ? EVENTS % 50 - 4 : 0)))
rows=()
declare -A weir_cpu=() limit_cpu=()
q2_limit_rows=

# run NAME LABEL CMD...: measures CMD; appends a table row.
run() {
    local name=$1 label=$2 cpu wall rss rc note
    shift 2
    read -r cpu wall rss rc note < <(python3 "$HERE/measure.py" "$RUNS" "$DATA/$name.out" "$DATA/$name.err" -- "$@")
    if [ "$rc" != 0 ]; then
        rows+=("$(printf '%-22s FAILED (exit %s): %s' "$label" "$rc" "$(head -c 300 "$DATA/$name.err" | tr '\n' ' ')")")
        status=1
        return 1
    fi
    rows+=("$(printf '%-22s %-14s %-11s %.2f' "$label" "$(rate "$EVENTS" "$cpu")" "$(mib "$rss")" "$cpu")")
    LAST_CPU=$cpu
}

for q in q0 q1 q2; do
    if run "limit-$q" "limit $q (hand loop)" "$LIMIT" "$q" "$EVENTS"; then
        limit_cpu[$q]=$LAST_CPU
        [ "$q" = q2 ] && q2_limit_rows=$(sed -n 's/.* rows=\([0-9]*\) .*/\1/p' "$DATA/limit-q2.out")
    fi
done
for q in q0 q1 q2 q2n q11 q12; do
    label="weir $q"
    [ "$q" = q2n ] && label="weir q2 narrow"
    if run "weir-$q" "$label" "$WEIR" "$DATA/$q.sql"; then
        weir_cpu[$q]=$LAST_CPU
        grep -q -- "-- source bid: $bids rows read" "$DATA/weir-$q.err" || {
            rows+=("  $q: the source did not read $bids bids: $(head -c 200 "$DATA/weir-$q.err")")
            status=1
        }
        if [ "${q#q2}" != "$q" ] && [ -n "$q2_limit_rows" ] &&
           ! grep -q -- "-- $q2_limit_rows rows emitted" "$DATA/weir-$q.err"; then
            rows+=("  $q: weir emitted other than the limit's $q2_limit_rows rows: $(grep emitted "$DATA/weir-$q.err")")
            status=1
        fi
    fi
done

echo
echo "Nexmark, $EVENTS events ($bids bids), blackhole sink; best of $RUNS runs by CPU time"
printf '%-22s %-14s %-11s %s\n' query 'events/s/core' 'peak RSS' 'cpu s'
printf '%s\n' "${rows[@]}"
for q in q0 q1 q2; do
    if [ -n "${weir_cpu[$q]:-}" ] && [ -n "${limit_cpu[$q]:-}" ]; then
        awk -v q="$q" -v w="${weir_cpu[$q]}" -v l="${limit_cpu[$q]}" 'BEGIN {
            printf "weir %s runs at %.2f of the limit'"'"'s speed\n", q, l / w }'
    fi
done
if [ -n "${weir_cpu[q2n]:-}" ] && [ -n "${limit_cpu[q2]:-}" ]; then
    awk -v w="${weir_cpu[q2n]}" -v l="${limit_cpu[q2]}" -v b="$bids" 'BEGIN {
        printf "weir q2 narrow runs at %.2f of the limit'"'"'s speed (%.1f M bids/s/core; aim > 10 M)\n", l / w, b / w / 1e6 }'
fi
[ -n "$q2_limit_rows" ] && echo "q2: $q2_limit_rows rows from the limit, and the same count from weir (checked)"
exit $status
