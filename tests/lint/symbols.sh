#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every symbol libartext exports carries the ar_ prefix: everything else is
# hidden (-fvisibility=hidden), so internal helpers cannot leak into the ABI.
set -u
lib=$1
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
n=$(printf '%s\n' "$syms" | grep -c . || true)
bad=$(printf '%s\n' "$syms" | grep -v -E '^(ar_|_init$|_fini$|_edata$|_end$|__bss_start$)' || true)
if [ -n "$bad" ]; then
  printf 'exported without the ar_ prefix:\n%s\n' "$bad" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
[ "$n" -gt 10 ] || { echo "only $n exported symbols: library not built?" >&2; echo "0 passed, 1 failed"; exit 1; }
echo "1 passed, 0 failed ($n symbols)"
