#!/usr/bin/env bash
# run.sh - the tumbling-window benchmark: weir beside its hand-written limit.
#
# Where it sits: builds nothing.  It takes the executables of a CMake build
# ($BUILD: gen_events, limit_tumble, weir), generates the data once per size
# into a cache ($BENCH_DATA/<rows>/events.csv), copies tumble_count_sum.sql
# beside it, runs the limit and `weir --quiet --format csv` RUNS times each
# (measure.py: CPU time and peak RSS per run, from wait4), checks that both
# printed the same bytes, and prints a table.  The whole is repeated at
# ROWS/5 rows, to show that peak RSS follows open windows x keys and not the
# length of the input.  See bench/README.md.
#
# Usage: bench/run.sh [ROWS]            (default 5000000)
#        bench/run.sh --selftest        limit_tumble vs ref_tumble.py, 200000 rows
#        bench/run.sh --checkpoint [ROWS]  what checkpoints cost: ckpt_bench (1 M
#                                       groups) and the job with --state every 1 s
# Environment: BUILD (default /work/main/build), BENCH_DATA (default
# $BUILD/bench-data), RUNS (default 3).
# Exit status: 0 when every run succeeded and the outputs matched, else 1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-/work/main/build}
DATA=${BENCH_DATA:-$BUILD/bench-data}
RUNS=${RUNS:-3}
BAR=3000000                   # rows/s on one core that weir must reach
GEN=$BUILD/gen_events
LIMIT=$BUILD/limit_tumble
WEIR=$BUILD/weir

die() { echo "run.sh: $*" >&2; exit 1; }

for exe in "$GEN" "$LIMIT"; do
    [ -x "$exe" ] || die "$exe is missing: build first (cmake -S $HERE/.. -B $BUILD && cmake --build $BUILD -j2)"
done
command -v python3 >/dev/null || die "python3 is needed to measure CPU time and peak RSS"

# data ROWS: makes $DATA/ROWS/events.csv unless it is there; prints the dir.
data() {
    local dir=$DATA/$1
    mkdir -p "$dir"
    if [ ! -s "$dir/events.csv" ]; then
        echo "generating $1 rows into $dir/events.csv" >&2
        "$GEN" "$1" "$dir/events.csv.tmp"
        mv "$dir/events.csv.tmp" "$dir/events.csv"
    fi
    cp "$HERE/tumble_count_sum.sql" "$dir/tumble_count_sum.sql"
    echo "$dir"
}

if [ "${1:-}" = "--selftest" ]; then
    dir=$(data 200000)
    "$LIMIT" "$dir/events.csv" > "$dir/limit.csv"
    python3 "$HERE/ref_tumble.py" "$dir/events.csv" > "$dir/ref.csv"
    if cmp -s "$dir/limit.csv" "$dir/ref.csv"; then
        echo "selftest: limit_tumble matches ref_tumble.py ($(wc -l < "$dir/limit.csv") lines)"
        exit 0
    fi
    echo "selftest: limit_tumble and ref_tumble.py DIFFER:"
    diff "$dir/ref.csv" "$dir/limit.csv" | head -10
    exit 1
fi

# mib KIB: prints KiB as MiB with one decimal.
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
# rate ROWS CPU: prints rows per CPU second in millions.
rate() { awk -v r="$1" -v c="$2" 'BEGIN { if (c > 0) printf "%5.2f M", r / c / 1e6; else print "  inf" }'; }

if [ "${1:-}" = "--checkpoint" ]; then
    # The cost of checkpoints (issue 6): (a) ckpt_bench, a full and an
    # incremental checkpoint of 1 M open (window, key) groups; (b) this job with
    # --state and checkpoint.interval 1 s against the same job without.
    ROWS=${2:-5000000}
    case $ROWS in ''|*[!0-9]*) die "usage: run.sh --checkpoint [ROWS]" ;; esac
    [ -x "$BUILD/ckpt_bench" ] && [ -x "$WEIR" ] || die "build first: $BUILD/ckpt_bench or $WEIR is missing"
    echo "== (a) checkpoint of 1 M open (window, key) groups: ckpt_bench 1000000 10"
    "$BUILD/ckpt_bench" 1000000 10 "$DATA/ckpt-bench.db" || exit 1
    dir=$(data "$ROWS")
    echo
    echo "== (b) $ROWS rows, 10 k keys, 10 s TUMBLE, COUNT+SUM: without --state and with checkpoint.interval 1 s"
    read -r c0 w0 r0 rc0 _ < <(python3 "$HERE/measure.py" "$RUNS" "$dir/weir.csv" "$dir/weir.err" -- \
        "$WEIR" --quiet --format csv "$dir/tumble_count_sum.sql")
    read -r c1 w1 r1 rc1 _ < <(python3 "$HERE/measure.py" "$RUNS" "$dir/weir-ckpt.csv" "$dir/weir-ckpt.err" -- \
        "$WEIR" --format csv --state "$dir/state.db" --reset-state --set checkpoint.interval=1s \
        "$dir/tumble_count_sum.sql")
    [ "$rc0" = 0 ] && [ "$rc1" = 0 ] || die "a run failed: $(cat "$dir/weir.err" "$dir/weir-ckpt.err" | head -5)"
    printf '%-24s %-13s %-12s %-10s %s\n' run rows/s/core 'rows/s wall' 'peak RSS' 'cpu s'
    printf '%-24s %-13s %-12s %-10s %.2f\n' 'no --state' "$(rate "$ROWS" "$c0")" "$(rate "$ROWS" "$w0")" "$(mib "$r0")" "$c0"
    printf '%-24s %-13s %-12s %-10s %.2f\n' '--state, every 1 s' "$(rate "$ROWS" "$c1")" "$(rate "$ROWS" "$w1")" "$(mib "$r1")" "$c1"
    grep -- '-- .* checkpoint' "$dir/weir-ckpt.err" || echo "(no checkpoint was taken: the run was shorter than 1 s)"
    rm -f "$dir/state.db" "$dir/state.db-wal" "$dir/state.db-shm"
    status=0
    cmp -s "$dir/weir.csv" "$dir/weir-ckpt.csv" || { echo "output DIFFERS with --state"; status=1; }
    awk -v a="$c0" -v b="$c1" -v wa="$w0" -v wb="$w1" 'BEGIN {
        lost = (1 - a / b) * 100; wlost = (1 - wa / wb) * 100
        printf "throughput lost to checkpoints: %.1f%% by CPU time, %.1f%% by wall time; bar 10%%: %s\n",
            lost, wlost, (lost < 10 ? "met" : "NOT met") }'
    exit $status
fi

ROWS=${1:-5000000}
case $ROWS in ''|*[!0-9]*) die "usage: run.sh [ROWS] | --selftest" ;; esac
[ "$ROWS" -ge 5 ] || die "ROWS must be at least 5"

status=0
rss_note=exact
table=()
notes=()
declare -A weir_rss=()

# bench ROWS: runs both programs over ROWS rows; appends to table and notes.
bench() {
    local rows=$1 dir
    dir=$(data "$rows")
    local lcpu lwall lrss lrc
    read -r lcpu lwall lrss lrc rss_note < <(python3 "$HERE/measure.py" "$RUNS" \
        "$dir/limit.csv" "$dir/limit.err" -- "$LIMIT" "$dir/events.csv")
    if [ "$lrc" != 0 ]; then
        table+=("$(printf '%-20s %-9s %s' 'limit (hand loop)' "$rows" "FAILED (exit $lrc): $(head -c 200 "$dir/limit.err")")")
        status=1
        return
    fi
    table+=("$(printf '%-20s %-9s %-13s %-10s %.2f' 'limit (hand loop)' "$rows" "$(rate "$rows" "$lcpu")" "$(mib "$lrss")" "$lcpu")")
    # self-check: no row is late in this data, so the counts add up to rows
    local counted
    counted=$(awk -F, 'NR > 1 { n += $3 } END { print n + 0 }' "$dir/limit.csv")
    if [ "$counted" != "$rows" ]; then
        notes+=("limit at $rows rows: counts add up to $counted, not $rows")
        status=1
    fi

    if [ ! -x "$WEIR" ]; then
        table+=("$(printf '%-20s %-9s %s' 'weir' "$rows" "not built ($WEIR)")")
        status=1
        return
    fi
    local wcpu wwall wrss wrc
    read -r wcpu wwall wrss wrc rss_note < <(python3 "$HERE/measure.py" "$RUNS" \
        "$dir/weir.csv" "$dir/weir.err" -- "$WEIR" --quiet --format csv "$dir/tumble_count_sum.sql")
    if [ "$wrc" != 0 ]; then
        table+=("$(printf '%-20s %-9s %s' 'weir' "$rows" "FAILED (exit $wrc): $(head -c 300 "$dir/weir.err" | tr '\n' ' ')")")
        status=1
        return
    fi
    table+=("$(printf '%-20s %-9s %-13s %-10s %.2f' 'weir' "$rows" "$(rate "$rows" "$wcpu")" "$(mib "$wrss")" "$wcpu")")
    weir_rss[$rows]=$wrss
    notes+=("$(awk -v r="$rows" -v w="$wcpu" -v l="$lcpu" -v bar="$BAR" 'BEGIN {
        s = r / w; printf "at %d rows: weir runs at %.2f of the limit'"'"'s speed; bar %.1f M rows/s/core: %s",
        r, l / w, bar / 1e6, (s >= bar ? "met" : "NOT met") }')")
    if cmp -s "$dir/limit.csv" "$dir/weir.csv"; then
        notes+=("at $rows rows: output identical to the limit's ($(wc -l < "$dir/limit.csv") lines)")
    else
        notes+=("at $rows rows: output DIFFERS from the limit's: $(cmp "$dir/limit.csv" "$dir/weir.csv" 2>&1 | head -1 || true)")
        notes+=("  see: diff $dir/limit.csv $dir/weir.csv")
        status=1
    fi
}

small=$((ROWS / 5))
bench "$ROWS"
bench "$small"

echo
printf '%-20s %-9s %-13s %-10s %s\n' benchmark rows rows/s/core 'peak RSS' 'cpu s'
printf '%s\n' "${table[@]}"
echo
echo "best of $RUNS runs by CPU time (user+sys); peak RSS is the largest of the runs"
if [ "$rss_note" = floor ]; then
    echo "(no /usr/bin/time: peak RSS includes the ~10 MiB of the python3 that forked each run)"
fi
if [ ${#notes[@]} -gt 0 ]; then
    printf '%s\n' "${notes[@]}"
fi
if [ -n "${weir_rss[$ROWS]:-}" ] && [ -n "${weir_rss[$small]:-}" ]; then
    awk -v a="${weir_rss[$small]}" -v b="${weir_rss[$ROWS]}" -v s="$small" -v r="$ROWS" 'BEGIN {
        printf "weir peak RSS: %.1f MiB at %d rows, %.1f MiB at %d rows (x%.2f): %s\n",
            a / 1024, s, b / 1024, r, b / a, (b <= a * 1.25 ? "bounded" : "GROWS WITH INPUT") }'
fi
exit $status
