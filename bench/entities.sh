#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Throughput of ar-entities (--count, so that printing does not dominate)
# over a large input built from corpus/, with the built-in gazetteers only
# and with a generated 50,000-name user gazetteer on top:
#   bash bench/entities.sh [SIZE_MB]        (default 100)
# Environment: BENCH_DIR (where inputs are kept; default a temp dir), RUNS
# (default 3; the median is reported), AR_ENTITIES (the binary; default
# build-bench/cmd/ar-entities, configured in Release and built if missing).
set -eu
size=${1:-100}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR=$(mktemp -d)
  trap 'rm -rf "$BENCH_DIR"' EXIT
fi
input=$BENCH_DIR/entities-input-${size}MB.txt
if [ -f "$root/bench/mkinput.sh" ]; then
  bash "$root/bench/mkinput.sh" "$size" "$input"
else
  : > "$input"
  while [ "$(stat -c %s "$input")" -lt $((size * 1000000)) ]; do cat "$root"/corpus/*.txt >> "$input"; done
fi
bytes=$(stat -c %s "$input")

bin=${AR_ENTITIES:-}
if [ -z "$bin" ]; then
  bin=$root/build-bench/cmd/ar-entities
  if [ ! -x "$bin" ]; then
    echo "building a Release ar-entities in build-bench/ ..." >&2
    cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DARTEXT_TESTS=OFF >/dev/null
    make -C "$root/build-bench" -j2 ar-entities >/dev/null
  fi
fi

# 50,000 distinct three-word person names from 40 given names and numbers
gaz=$BENCH_DIR/gaz50k.tsv
awk 'BEGIN {
  split("زيد عمرو بكر خالد سامي رافد نبيل حامد جاسم كامل هادي رعد سعد فهد ليث مازن نزار وليد ياسر زياد باسل رامي سيف علاء غسان فراس قاسم ماجد مهند نوفل هيثم وسام أيمن أنس بلال جمال حسام رائد شاكر طارق", g, " ")
  for (i = 0; i < 50000; i++) printf "%s %s %d\tPER\tشخص %d\n", g[i % 40 + 1], g[int(i / 40) % 40 + 1], i, i
}' > "$gaz"

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
measure() {
  local t
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$bin" "$@" "$input" > /dev/null
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
printf 'input: %s MB (%d bytes) from corpus/, %d runs, median\n' "$size" "$bytes" "$runs"
t1=$(measure --count)
printf 'built-in gazetteers:              %6.2f s  %7.1f MB/s\n' "$t1" "$(echo "$bytes / 1000000 / $t1" | bc -l)"
t2=$(measure --count --gazetteer "$gaz")
printf 'built-in + 50,000-name gazetteer: %6.2f s  %7.1f MB/s\n' "$t2" "$(echo "$bytes / 1000000 / $t2" | bc -l)"
