#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Throughput of ar-norm --profile search next to ICU's uconv doing the same
# folds (bench/search-folds.uconv: NFKC, marks, tatweel and invisibles
# removed, alef/yeh/teh/hamza/Persian folds, digits, spaces; on news it gives
# ar-norm's bytes exactly) and cat, on two inputs built by bench/mkinput.sh:
# news (corpus/) and fully vocalized classical text (bench/classical/).
# Also ar-norm --json and ar-tok on news (and ar_tokenize alone, through
# bench/lib/tok_speed.c), and, when AR_NORM_PREV names
# another ar-norm (say the previous commit's), that one on both inputs.
#   bash bench/norm.sh [SIZE_MB]        (default 200)
# Environment: BENCH_DIR (where the inputs are kept; default a temp dir),
# RUNS (default 5; the median is reported), AR_NORM and AR_TOK (the
# binaries; default build-bench/cmd/, configured in Release and built if
# missing), AR_NORM_PREV.
set -eu
size=${1:-200}
runs=${RUNS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${BENCH_DIR:-}" ]; then
  BENCH_DIR=$(mktemp -d)
  trap 'rm -rf "$BENCH_DIR"' EXIT
fi
news=$BENCH_DIR/norm-input-${size}MB.txt
classical=$BENCH_DIR/norm-classical-${size}MB.txt
bash "$root/bench/mkinput.sh" "$size" "$news"
CORPUS=$root/bench/classical bash "$root/bench/mkinput.sh" "$size" "$classical"

arnorm=${AR_NORM:-}
artok=${AR_TOK:-}
b=$root/build-bench
if [ -z "$arnorm" ] || [ -z "$artok" ] || [ ! -x "$b/tok_speed" ]; then
  if [ ! -x "$b/cmd/ar-norm" ] || [ ! -x "$b/cmd/ar-tok" ] || [ ! -x "$b/tok_speed" ]; then
    echo "building a Release ar-norm, ar-tok and tok_speed in build-bench/ ..." >&2
    cmake -S "$root" -B "$b" -DCMAKE_BUILD_TYPE=Release -DARTEXT_TESTS=OFF >/dev/null
    make -C "$b" -j2 ar-norm ar-tok tok_speed >/dev/null
  fi
  arnorm=${arnorm:-$b/cmd/ar-norm}
  artok=${artok:-$b/cmd/ar-tok}
fi
command -v uconv >/dev/null || { echo "norm.sh: uconv not found (apt-get install icu-devtools)" >&2; exit 2; }
rules=$(cat "$root/bench/search-folds.uconv")

# seconds from date stamp $1 to $2
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
# the median of the numbers given
median_of() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# median wall time in seconds of RUNS runs of "$@" >/dev/null
median() {
  local t=() a b
  for _ in $(seq "$runs"); do
    a=$(date +%s.%N); "$@" >/dev/null; b=$(date +%s.%N)
    t+=("$(elapsed "$a" "$b")")
  done
  median_of "${t[@]}"
}

# median_pair "A" "B": the two commands (strings, word-split) run in turn,
# RUNS times each, so that a noisy stretch of the machine hits both; prints
# both medians.
median_pair() {
  local ta=() tb=() a b c
  for _ in $(seq "$runs"); do
    a=$(date +%s.%N); $1 >/dev/null; b=$(date +%s.%N); $2 >/dev/null; c=$(date +%s.%N)
    ta+=("$(elapsed "$a" "$b")")
    tb+=("$(elapsed "$b" "$c")")
  done
  printf '%s %s\n' "$(median_of "${ta[@]}")" "$(median_of "${tb[@]}")"
}

# Does uconv give the same bytes? (it should on news; say so either way)
same() {
  if cmp -s <("$arnorm" --profile search "$1") <(uconv -f utf-8 -t utf-8 -x "$rules" "$1"); then echo "same bytes"; else echo "bytes differ"; fi
}

row() { awk -v name="$1" -v t="$2" -v bytes="$3" 'BEGIN { printf "  %-42s %8.3f s %9.1f MB/s\n", name, t, bytes / 1e6 / t }'; }

for kind in news classical; do
  input=$news
  [ "$kind" = classical ] && input=$classical
  bytes=$(stat -c %s "$input")
  t_norm=$(median "$arnorm" --profile search "$input")
  t_uconv=$(median uconv -f utf-8 -t utf-8 -x "$rules" "$input")
  t_cat=$(median cat "$input")
  printf '%s: %.0f MB (bench/mkinput.sh), median of %d runs, one core each\n' "$kind" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$runs"
  row "ar-norm --profile search" "$t_norm" "$bytes"
  if [ -n "${AR_NORM_PREV:-}" ]; then
    t_prev=$(median "$AR_NORM_PREV" --profile search "$input")
    row "previous ar-norm (AR_NORM_PREV)" "$t_prev" "$bytes"
  fi
  row "uconv, same folds ($(same "$input"))" "$t_uconv" "$bytes"
  row "cat" "$t_cat" "$bytes"
  if [ "$kind" = news ]; then
    # plain and --json in turn: their ratio is the figure that matters
    read -r t_plain t_json < <(median_pair "$arnorm --profile search $input" "$arnorm --profile search --json $input")
    t_tok=$(median "$artok" "$input")
    row "ar-norm --profile search --json" "$t_json" "$bytes"
    row "ar-tok" "$t_tok" "$bytes"
    # the tokenizer alone, in memory (bench/lib/tok_speed.c)
    read -r t_toklib _ _ _ ntok _ < <("$b/tok_speed" "$input" "$runs")
    row "ar_tokenize, library alone ($ntok tokens)" "$t_toklib" "$bytes"
    awk -v n="$t_plain" -v j="$t_json" 'BEGIN { printf "  --json runs at %.2fx the plain speed (the two run in turn)\n", n / j }'
  fi
  awk -v n="$t_norm" -v u="$t_uconv" -v c="$t_cat" -v p="${t_prev:-0}" 'BEGIN {
    printf "  ar-norm is %.1fx uconv and %.2fx cat", u / n, c / n
    if (p > 0) printf ", %.2fx the previous", p / n
    printf "\n"
  }'
done
