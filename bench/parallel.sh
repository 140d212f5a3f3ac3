#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One job against two: ar-grep -c and ar-entities --count over one big
# file split by GNU parallel --pipepart, medians of RUNS, in MB/s.
#   bash bench/parallel.sh [SIZE_MB] [RUNS]     (defaults 200, 3)
# Environment: BENCH_DIR (inputs; default /tmp), BIN (the commands; default
# build/cmd).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size=${1:-200}
runs=${2:-3}
dir=${BENCH_DIR:-/tmp}
bin=${BIN:-$root/build/cmd}
export PATH="$bin:$PATH"
command -v parallel >/dev/null || { echo "parallel.sh: needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
input=$dir/artext-bench-$size.txt
bash "$here/mkinput.sh" "$size" "$input"
bytes=$(stat -c %s "$input")
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
time_of() {
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | median
}
printf 'input: %s MB (%d bytes), %d runs, median\n' "$size" "$bytes" "$runs"
for what in "ar-grep -c -w مخمور" "ar-entities --count --no-model" "ar-entities --count"; do
  t1=$(time_of parallel --will-cite --pipepart -a "$input" --block 20M -j1 $what)
  t2=$(time_of parallel --will-cite --pipepart -a "$input" --block 20M -j2 $what)
  printf '%-32s 1 job %7.1f MB/s   2 jobs %7.1f MB/s   speed-up %.2fx\n' "$what" \
    "$(echo "$bytes / 1000000 / $t1" | bc -l)" "$(echo "$bytes / 1000000 / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
done
