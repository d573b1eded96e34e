#!/bin/sh
# tests/fuzz/run.sh - builds the libFuzzer targets (clang, ASan + UBSan) and runs
# each for a bounded time over its seed corpus; exit 1 on any finding.
#
#   tests/fuzz/run.sh            every target for 20 s (about a minute in all)
#   tests/fuzz/run.sh 600        every target for 10 minutes
#   tests/fuzz/run.sh 600 sql    one target (sql, csv or json)
#
# The seed corpus (tests/fuzz/corpus/fuzz_<target>/) is only read: new inputs
# go to a scratch directory, or to $FUZZ_WORK/<target> when set (keep it
# between long runs).  A crash, leak, UB report or timeout is written to
# build-fuzz/artifacts/ and replayed with `build-fuzz/.../fuzz_<target> FILE`.
# Environment: FUZZ_BUILD (build directory, default build-fuzz),
# FUZZ_NOBUILD=1 (use the binaries already there), FUZZ_JOBS (parallel runs of
# each target, default 1).
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-20}
shift 2>/dev/null || true
targets=${*:-"sql csv json"}
root=$(pwd)
build=${FUZZ_BUILD:-build-fuzz}
case $build in /*) ;; *) build="$root/$build" ;; esac
jobs=${FUZZ_JOBS:-1}

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is not installed; skipped" >&2
  exit 0
fi
if [ "${FUZZ_NOBUILD:-0}" != 1 ]; then
  cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DWEIR_FUZZ=ON \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  for t in $targets; do
    cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target "fuzz_$t" >/dev/null
  done
fi
mkdir -p "$build/artifacts"
status=0
for t in $targets; do
  bin=$(find "$build" -name "fuzz_$t" -type f -perm -u+x | head -n 1)
  if [ -z "$bin" ]; then
    echo "fuzz: no fuzz_$t in $build (configure with -DWEIR_FUZZ=ON)" >&2
    exit 1
  fi
  if [ -n "${FUZZ_WORK:-}" ]; then
    work="$FUZZ_WORK/$t"; mkdir -p "$work"; scratch=""
  else
    work=$(mktemp -d); scratch=$work
  fi
  log="$build/artifacts/fuzz_$t.log"
  # -jobs > 1 writes fuzz-N.log files into the current directory
  par=""
  [ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
  # -max_len: SQL scripts and records past 64 KiB add nothing but time;
  # -timeout: any input slower than 10 s is a hang; leaks are findings.
  if cd "$build/artifacts" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2560 \
            $par -print_final_stats=1 \
            -artifact_prefix="$build/artifacts/" "$work" "$root/tests/fuzz/corpus/fuzz_$t" \
            >"$log" 2>&1; then
    echo "fuzz_$t: ok, $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | \
         awk '{s+=$2} END {print s+0}') runs in ${secs} s"
  else
    echo "fuzz_$t: FAILED (log: $log)" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 5 >&2 || true
    status=1
  fi
  cd "$root"
  [ -n "$scratch" ] && rm -rf "$scratch"
done
exit $status
