#!/bin/sh
# weir set-up: installs what is missing (Debian packages), builds, then
#   scripts/setup.sh run   runs the main job, examples/transactions.sql
#   scripts/setup.sh test  runs every test, in a normal build and in an
#                          AddressSanitizer + UndefinedBehaviorSanitizer build,
#                          then the libFuzzer targets for a bounded time
set -eu
cd "$(dirname "$0")/.."
what=${1:-run}

packages="build-essential cmake pkg-config lemon re2c libsqlite3-dev librdkafka-dev
libcriterion-dev libedit-dev python3 diffutils clang libclang-rt-14-dev"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "set-up: installing$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"

case "$what" in
run)
  ./build/weir examples/transactions.sql
  ;;
test)
  (cd build && ctest --output-on-failure -j "$jobs")
  echo "set-up: the same suite under ASan + UBSan"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWEIR_SANITIZE=ON >/dev/null
  cmake --build build-asan -j "$jobs"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")
  echo "set-up: the fuzz targets, 20 s each (tests/fuzz/README.md for longer runs)"
  tests/fuzz/run.sh 20
  ;;
*)
  echo "usage: scripts/setup.sh run|test" >&2
  exit 2
  ;;
esac
