#!/bin/sh
# test_install.sh - installs weir into a temporary prefix (cmake --install)
# and builds tests/capi/outside/main.c against it from outside the tree:
# with pkg-config (shared, and static with --static) and with find_package
# (weir::weir and weir::weir_static), then runs each program.
# Usage: test_install.sh BUILD_DIR OUTSIDE_SRC_DIR [EXTRA_CFLAGS]
#   EXTRA_CFLAGS: e.g. -fsanitize=address,undefined when the library has them.
set -u
BUILD=$1
SRC=$2
XFLAGS=${3:-}
TMP=$(mktemp -d /tmp/weir-install.XXXXXX) || exit 1
trap 'rm -rf "$TMP"' EXIT
PREFIX=$TMP/prefix
CC=${CC:-cc}
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; echo "FAIL: cmake --install"; exit 1; }
LIBDIR=$(dirname "$(find "$PREFIX" -name libweir.a | head -n 1)")
for f in include/weir.h bin/weir; do [ -e "$PREFIX/$f" ] || fail "$f not installed"; done
for f in libweir.a libweir.so libweir.so.0 pkgconfig/weir.pc cmake/weir/weirConfig.cmake cmake/weir/weirConfigVersion.cmake; do
    [ -e "$LIBDIR/$f" ] || fail "lib/$f not installed"
done
soname=$(objdump -p "$LIBDIR/libweir.so" 2>/dev/null | awk '/SONAME/ {print $2}')
[ "$soname" = "libweir.so.0" ] || fail "SONAME is '$soname', not libweir.so.0"

run() { # name program [env...]
    out=$("$2" 2>&1)
    case "$out" in
    "outside: ok "*" 84") ;;
    *) fail "$1 printed: $out" ;;
    esac
}

# pkg-config, shared (the prefix comes from the .pc file's own place)
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
pkg-config --exists weir || fail "pkg-config does not find weir"
[ "$(pkg-config --modversion weir)" = "0.1.0" ] || fail "pkg-config --modversion: $(pkg-config --modversion weir)"
# shellcheck disable=SC2046
$CC $XFLAGS -o "$TMP/pc_shared" "$SRC/main.c" $(pkg-config --cflags --libs weir) -Wl,-rpath,"$LIBDIR" \
    || fail "building with pkg-config (shared)"
[ -x "$TMP/pc_shared" ] && run "pkg-config shared" "$TMP/pc_shared"
# the program really uses the shared library
ldd "$TMP/pc_shared" 2>/dev/null | grep -q "libweir.so.0 => $LIBDIR" || fail "pc_shared does not load $LIBDIR/libweir.so.0"

# pkg-config, static: Libs.private / Requires.private bring sqlite3 and m
$CC $XFLAGS -o "$TMP/pc_static" "$SRC/main.c" -I"$PREFIX/include" "$LIBDIR/libweir.a" \
    $(pkg-config --static --libs-only-l weir | sed 's/-lweir//') \
    || fail "building with pkg-config --static"
$CC $XFLAGS -static-libgcc -o "$TMP/pc_static2" "$SRC/main.c" $(pkg-config --static --cflags weir) \
    -L"$LIBDIR" -Wl,-Bstatic -lweir -Wl,-Bdynamic $(pkg-config --static --libs weir | sed 's/-lweir//') \
    || fail "building with pkg-config --static (-Bstatic -lweir)"
[ -x "$TMP/pc_static" ] && run "pkg-config static" "$TMP/pc_static"
[ -x "$TMP/pc_static2" ] && run "pkg-config static (-Bstatic)" "$TMP/pc_static2"

# find_package(weir)
if cmake -S "$SRC" -B "$TMP/outside" -DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_C_FLAGS="$XFLAGS" \
        -DCMAKE_EXE_LINKER_FLAGS="$XFLAGS" >"$TMP/cfg.log" 2>&1 &&
    cmake --build "$TMP/outside" >"$TMP/build.log" 2>&1; then
    run "find_package weir::weir" "$TMP/outside/outside_shared"
    run "find_package weir::weir_static" "$TMP/outside/outside_static"
else
    cat "$TMP/cfg.log" "$TMP/build.log" 2>/dev/null | tail -n 30
    fail "building with find_package(weir)"
fi

[ "$FAILS" -eq 0 ] && echo "install + outside builds ok" && exit 0
exit 1
