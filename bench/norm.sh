#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Throughput of ar-norm --profile search next to ICU's uconv stripping
# diacritics and cat, on the same large input built from corpus/:
#   bash bench/norm.sh [SIZE_MB]        (default 200)
# Environment: BENCH_DIR (where the input is kept; default a temp dir),
# RUNS (default 5; the median is reported), AR_NORM (the binary; default
# build-bench/cmd/ar-norm, configured in Release and built if missing).
set -eu
size=${1:-200}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR=$(mktemp -d)
  trap 'rm -rf "$BENCH_DIR"' EXIT
fi
input=$BENCH_DIR/norm-input-${size}MB.txt
bash "$root/bench/mkinput.sh" "$size" "$input"
bytes=$(stat -c %s "$input")

arnorm=${AR_NORM:-}
if [ -z "$arnorm" ]; then
  arnorm=$root/build-bench/cmd/ar-norm
  if [ ! -x "$arnorm" ]; then
    echo "building a Release ar-norm in build-bench/ ..." >&2
    cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release -DARTEXT_TESTS=OFF >/dev/null
    make -C "$root/build-bench" -j2 ar-norm >/dev/null
  fi
fi
command -v uconv >/dev/null || { echo "norm.sh: uconv not found (apt-get install icu-devtools)" >&2; exit 2; }

# median wall time in seconds of RUNS runs of "$@" >/dev/null
median() {
  local t=()
  for _ in $(seq "$runs"); do
    local a b
    a=$(date +%s.%N)
    "$@" >/dev/null
    b=$(date +%s.%N)
    t+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", b - a }')")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

t_norm=$(median "$arnorm" --profile search "$input")
t_uconv=$(median uconv -f utf-8 -t utf-8 -x '::[:Mn:] Remove;' "$input")
t_cat=$(median cat "$input")

awk -v bytes="$bytes" -v runs="$runs" -v n="$t_norm" -v u="$t_uconv" -v c="$t_cat" -v bin="$arnorm" 'BEGIN {
  mb = bytes / 1e6
  printf "input: %.0f MB built from corpus/ by bench/mkinput.sh; median of %d runs; one core each\n", mb, runs
  printf "%-44s %8.3f s %9.1f MB/s\n", "ar-norm --profile search", n, mb / n
  printf "%-44s %8.3f s %9.1f MB/s\n", "uconv -x \"::[:Mn:] Remove;\"", u, mb / u
  printf "%-44s %8.3f s %9.1f MB/s\n", "cat", c, mb / c
  printf "ar-norm is %.1fx uconv and %.2fx cat (%s)\n", u / n, c / n, bin
}'
