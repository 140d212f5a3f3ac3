#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build into a scratch prefix and builds a consumer twice: with
# find_package(artext) and with pkg-config. Both must run. SAN: the
# sanitizer flags of a sanitizer build, which its static library needs.
set -eu
build=$1 tmp=$2 san=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$tmp" && mkdir -p "$tmp"
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
pass=0
for f in bin/ar-norm lib/pkgconfig/artext.pc include/artext/artext.h share/man/man1/ar-norm.1; do
  found=$(cd "$prefix" && ls -d $f lib*/pkgconfig/artext.pc 2>/dev/null | head -1)
  [ -n "$found" ] || { echo "missing after install: $f" >&2; echo "$pass passed, 1 failed"; exit 1; }
  pass=$((pass + 1))
done
cmake -S "$here" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" >"$tmp/cm.log"
cmake --build "$tmp/cm" >>"$tmp/cm.log"
fail=0
run() { if "$@" >/dev/null; then pass=$((pass + 1)); else echo "FAIL: $*" >&2; fail=$((fail + 1)); fi; }
run "$tmp/cm/consumer_static"
run env LD_LIBRARY_PATH="$(dirname "$(find "$prefix" -name 'libartext.so' | head -1)")" "$tmp/cm/consumer_shared"
run env LD_LIBRARY_PATH="$(dirname "$(find "$prefix" -name 'libartext.so' | head -1)")" "$tmp/cm/consumer_alias"
pc=$(find "$prefix" -name artext.pc | head -1)
export PKG_CONFIG_PATH=$(dirname "$pc")
libdir=$(pkg-config --variable=libdir artext)
cc $san -o "$tmp/consumer_pc" "$here/consumer.c" $(pkg-config --cflags --libs artext) -Wl,-rpath,"$libdir" 2>"$tmp/pc.log" \
  || { cat "$tmp/pc.log" >&2; echo "$pass passed, 1 failed"; exit 1; }
run "$tmp/consumer_pc"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
