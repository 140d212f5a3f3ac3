#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Each command has a man page that renders and documents every long option
# its --help lists (the option table drives --help, so this keeps the two
# from drifting apart).
set -u
bin=$1 man=$2
pass=0 fail=0
for exe in "$bin"/ar-*; do
  [ -x "$exe" ] || continue
  cmd=$(basename "$exe")
  page=$man/$cmd.1
  if [ ! -f "$page" ]; then
    echo "FAIL: no man page for $cmd" >&2; fail=$((fail + 1)); continue
  fi
  if ! out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>&1 >/dev/null) || [ -n "$out" ]; then
    if command -v man >/dev/null; then
      echo "FAIL: $page does not render cleanly: $out" >&2; fail=$((fail + 1))
    fi
  fi
  opts=$("$exe" --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u)
  for o in $opts; do
    name=${o#--}
    if grep -qE -- "(\\\\-|-)(\\\\-|-)${name//-/(\\\\-|-)}" "$page"; then
      pass=$((pass + 1))
    else
      echo "FAIL: $page does not document $o" >&2; fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
