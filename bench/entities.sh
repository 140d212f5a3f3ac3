#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Throughput of ar-entities (--count, so that printing does not dominate)
# over a large input built from corpus/, in MB/s and tokens/s: with the
# tagger models (the default: each line tagged alone, then again in its
# block), with --no-doc (alone only), with --no-model (lists and rules), and
# with the model and a generated 50,000-name user gazetteer on top:
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
    make -C "$root/build-bench" -j2 ar-entities ar-tok >/dev/null
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
tokens=$("$(dirname "$bin")/ar-tok" "$input" | wc -l)
printf 'input: %s MB (%d bytes, %d tokens) from corpus/, %d runs, median\n' "$size" "$bytes" "$tokens" "$runs"
row() {
  local t
  t=$(measure "${@:2}")
  printf '%-34s %6.2f s  %7.1f MB/s  %6.2f M tokens/s\n' "$1" "$t" "$(echo "$bytes / 1000000 / $t" | bc -l)" \
    "$(echo "$tokens / 1000000 / $t" | bc -l)"
}
row "model (default):" --count
row "model, --no-doc:" --count --no-doc
row "--no-model:" --count --no-model
row "model + 50,000-name gazetteer:" --count --gazetteer "$gaz"

# The input above repeats corpus/, a few thousand distinct words, which
# flatters anything that remembers words (the tagger keeps the weight sums
# of 8192). The sentences of the training data, each once (ANERcorp news
# and AQMAR Wikipedia, 200,000 words, tens of thousands of them distinct),
# are the other extreme.
input=$BENCH_DIR/entities-input-conll.txt
awk 'NF == 0 { if (line != "") print line; line = ""; next }
     { line = line == "" ? $1 : line " " $1 }
     END { if (line != "") print line }' "$root"/lib/data/ner/anercorp_train.conll "$root"/lib/data/ner/aqmar.conll > "$input"
bytes=$(stat -c %s "$input")
tokens=$("$(dirname "$bin")/ar-tok" "$input" | wc -l)
printf 'input: the sentences of lib/data/ner/*.conll, once (%d bytes, %d tokens), %d runs, median\n' "$bytes" "$tokens" "$runs"
row "model (default):" --count
row "model, --no-doc:" --count --no-doc
row "--no-model:" --count --no-model
