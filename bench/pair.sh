#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Paired timing: runs two or more commands in turn, round after round, and
# reports each one's median wall time and the median, over the rounds, of
# the first command's time divided by each other's. On a shared machine a
# peer's speed can move several-fold between two runs of grep.sh minutes
# apart (rg -c -F went from 1300 to 7100 MB/s within one session here), so
# a ratio taken from two medians measured at different moments can mislead;
# a ratio taken within each round sees both commands under the same load.
#
#   bash bench/pair.sh RUNS 'CMD1' 'CMD2' [...]
#
# Each CMD is a shell command line; its output is thrown away. Example:
#   f=/tmp/artext-bench-300.txt
#   bash bench/pair.sh 21 "rg -j1 -c -F الكاظمي $f" "build-bench/cmd/ar-grep -c الكاظمي $f"
# prints "ratio CMD1/CMDk" > 1 when CMDk is the faster. Pin with taskset
# (taskset -c 0 bash bench/pair.sh ...) to keep the commands on one core.
set -u
if [ $# -lt 3 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: bash bench/pair.sh RUNS 'CMD1' 'CMD2' [...]" >&2
  exit 2
fi
runs=$1
shift
cmds=("$@")
n=${#cmds[@]}
declare -a times # times[round * n + k], in nanoseconds
for ((r = 0; r < runs; r++)); do
  for ((k = 0; k < n; k++)); do
    a=$(date +%s%N)
    bash -c "${cmds[k]}" > /dev/null 2>&1
    b=$(date +%s%N)
    times[r * n + k]=$((b - a))
  done
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for ((k = 0; k < n; k++)); do
  m=$(for ((r = 0; r < runs; r++)); do echo "${times[r * n + k]}"; done | median)
  printf 'median %8.4f s  %s\n' "$(awk -v m="$m" 'BEGIN { print m / 1e9 }')" "${cmds[k]}"
done
for ((k = 1; k < n; k++)); do
  m=$(for ((r = 0; r < runs; r++)); do
    awk -v a="${times[r * n]}" -v b="${times[r * n + k]}" 'BEGIN { printf "%.6f\n", a / b }'
  done | median)
  printf 'ratio CMD1/CMD%d (median of %d rounds) %.2f\n' $((k + 1)) "$runs" "$m"
done
