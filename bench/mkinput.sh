#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds a large benchmark input from the reports in corpus/ by repetition:
#   bash bench/mkinput.sh SIZE_MB OUTFILE
# The reports are concatenated (each ends with a newline) and the result is
# doubled until it reaches SIZE_MB megabytes (10^6 bytes), then cut at the
# last line boundary before that size. The text is therefore real news
# prose with the corpus's own letter, diacritic and line-length mix; every
# name occurs with the corpus's frequency. An existing OUTFILE of the right
# size is reused (building 1 GB takes a few seconds).
set -eu
size_mb=${1:?usage: mkinput.sh SIZE_MB OUTFILE}
out=${2:?usage: mkinput.sh SIZE_MB OUTFILE}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${CORPUS:-$here/../corpus}
want=$((size_mb * 1000000))

if [ -f "$out" ] && [ "$(stat -c %s "$out")" -le "$want" ] &&
   [ "$(stat -c %s "$out")" -gt $((want - 200000)) ]; then
  exit 0
fi

tmp="$out.tmp.$$"
trap 'rm -f "$tmp" "$tmp.2"' EXIT
: >"$tmp"
for f in "$corpus"/*.txt; do
  cat "$f" >>"$tmp"
  # A report without a final newline would glue onto the next one.
  [ -z "$(tail -c 1 "$f")" ] || printf '\n' >>"$tmp"
done
[ -s "$tmp" ] || { echo "mkinput.sh: no reports in $corpus" >&2; exit 2; }
while [ "$(stat -c %s "$tmp")" -lt "$want" ]; do
  cat "$tmp" "$tmp" >"$tmp.2"
  mv "$tmp.2" "$tmp"
done
# Cut to size and drop the partial last line.
head -c "$want" "$tmp" | sed '$d' >"$tmp.2"
mv "$tmp.2" "$out"
