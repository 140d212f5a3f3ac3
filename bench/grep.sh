#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The ar-grep benchmark: GNU grep and ripgrep against ar-grep on one large
# input built from corpus/ by bench/mkinput.sh (the reports concatenated and
# doubled until SIZE_MB megabytes).
#
#   bash bench/grep.sh [SIZE_MB] [RUNS]        (defaults: 1000 MB, 5 runs)
#
# Environment: AR_GREP (the ar-grep binary; default build/cmd/ar-grep),
# BENCH_DIR (where the input is built; default /tmp), THREADS (-j for
# ar-grep and rg; default 1, one file is searched by one thread anyway).
#
# Searches, all counting lines (-c) so no tool pays for printing:
#   grep -F / rg -F     the plain literal الكاظمي (exact spelling only); rg
#                       twice, as it chooses (it maps a single file) and
#                       with --no-mmap (it reads, as ar-grep does): on a
#                       virtual machine the page faults of a mapping can
#                       cost more than the copy of read(), or less
#   grep -P / rg        a hand-written diacritic-insensitive regex: every
#                       letter with its alef/yeh/kaf variants, followed by a
#                       class of harakat, tatweel and invisible marks
#   ar-grep             الكاظمي with full folding (default), -F, -w
#   -f 1000 names       a list of 1,000 names (corpus words plus the name
#                       and generated variants) for ar-grep, grep -F, rg -F
#   hyperscan           when libhs (Debian's libhyperscan-dev or
#                       libvectorscan-dev) is installed, the same list through
#                       bench/lib/hs_list.c: as literals, and with ar-grep's
#                       letter folds as classes and marks between letters
#                       (one run: it is slow)
# The median of RUNS runs (hyperfine when installed, else a timing loop)
# is reported in MB/s and as a ratio to rg -F on the plain literal.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size=${1:-1000}
runs=${2:-5}
ARG=${AR_GREP:-$root/build/cmd/ar-grep}
dir=${BENCH_DIR:-/tmp}
threads=${THREADS:-1}
[ -x "$ARG" ] || { echo "grep.sh: no ar-grep at $ARG (set AR_GREP)" >&2; exit 2; }
input=$dir/artext-bench-$size.txt
bash "$here/mkinput.sh" "$size" "$input" || exit 2
bytes=$(stat -c %s "$input")
name=الكاظمي

# The hand-written folding regex a user of grep/rg would have to write.
marks='[\x{064B}-\x{065F}\x{0670}\x{0640}\x{200C}-\x{200F}]*'
hand=""
for ch in ا ل ك ا ظ م ي; do
  case $ch in
    ا) cls='[اأإآٱ]' ;;
    ي) cls='[يىیئ]' ;;
    ك) cls='[كک]' ;;
    *) cls=$ch ;;
  esac
  hand="$hand$cls$marks"
done

# 1,000 names: the name and its variants, the corpus's words of four
# letters or more, then generated clitic forms of them (و+word, word+ها),
# as a watch list built from real text would look.
names=$dir/artext-bench-names.txt
words() { cat "$root"/corpus/*.txt | LC_ALL=C.UTF-8 grep -oP '[\x{0621}-\x{064A}]{4,}'; }
{
  printf '%s\n' الكاظمي الكاظمى مصطفى مخمور أربيل إربيل البيشمركة البيشمركه داعش كركوك
  words | sort | uniq -c | sort -rn | awk '{ print $2 }'
  words | awk '{ print "و" $0; print $0 "ها" }'
} | awk '!seen[$0]++' | head -n 1000 > "$names"
nnames=$(wc -l < "$names")

printf 'input: %s, %d bytes (%s x the corpus reports); %d runs; ar-grep %s\n' "$input" "$bytes" \
  "$((bytes / $(cat "$root"/corpus/*.txt | wc -c)))" "$runs" "$("$ARG" --version)"
printf 'grep: %s; rg: %s\n' "$(grep --version | head -1)" "$(rg --version 2>/dev/null | head -1)"
printf 'NAME: %s; name list: %d names\n\n' "$name" "$nnames"

cat "$input" > /dev/null # warm the page cache

# median_time CMD...: median wall time in seconds.
median_time() {
  if command -v hyperfine > /dev/null; then
    local json=$dir/artext-bench-hf.json
    hyperfine --shell=bash --output=pipe --style none --warmup 1 --runs "$runs" --export-json "$json" -i -- "$(printf '%q ' "$@")" \
      > /dev/null 2>&1 || { echo NaN; return; }
    jq -r '.results[0].median' "$json"
  else
    local t=()
    for ((r = 0; r < runs; r++)); do
      local a b
      a=$(date +%s.%N)
      "$@" 2>/dev/null | cat > /dev/null
      b=$(date +%s.%N)
      t+=("$(echo "$b - $a" | bc -l)")
    done
    printf '%s\n' "${t[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
  fi
}

base=""
row() {
  local label=$1; shift
  local count t mbs ratio
  count=$("$@" 2> /dev/null)
  t=$(median_time "$@")
  mbs=$(awk -v b="$bytes" -v t="$t" 'BEGIN { printf "%.0f", b / 1e6 / t }')
  [ -n "$base" ] || base=$t
  ratio=$(awk -v b="$base" -v t="$t" 'BEGIN { printf "%.2f", b / t }')
  printf '%-44s %10s lines %8.3f s %7s MB/s %6sx rg-literal\n' "$label" "$count" "$t" "$mbs" "$ratio"
}

printf '%-44s %16s %10s %12s %17s\n' search matches time speed ratio
row "rg -F NAME (plain literal)" rg -j "$threads" -c -F "$name" "$input"
row "rg --no-mmap -F NAME" rg -j "$threads" --no-mmap -c -F "$name" "$input"
row "grep -F NAME (plain literal)" grep -c -F "$name" "$input"
row "rg hand-written folding regex" rg -j "$threads" -c "$hand" "$input"
row "grep -P hand-written folding regex" grep -c -P "$hand" "$input"
row "ar-grep NAME (full folding)" "$ARG" -j "$threads" -c "$name" "$input"
row "ar-grep -F NAME" "$ARG" -j "$threads" -c -F "$name" "$input"
row "ar-grep -w NAME (clitic-aware words)" "$ARG" -j "$threads" -c -w "$name" "$input"
row "ar-grep --strict NAME (no folding)" "$ARG" -j "$threads" -c --strict "$name" "$input"
row "ar-grep regex (NAME with . for kaf)" "$ARG" -j "$threads" -c 'ال.اظمي' "$input"
row "rg -F -f ($nnames names)" rg -j "$threads" -c -F -f "$names" "$input"
row "rg --no-mmap -F -f ($nnames names)" rg -j "$threads" --no-mmap -c -F -f "$names" "$input"
row "grep -F -f ($nnames names)" grep -c -F -f "$names" "$input"
row "ar-grep -f ($nnames names, full folding)" "$ARG" -j "$threads" -c -f "$names" "$input"
row "ar-grep -w -f ($nnames names)" "$ARG" -j "$threads" -c -w -f "$names" "$input"

# Hyperscan on the same list, to weigh it against ar-grep's own automaton.
if pkg-config --exists libhs 2> /dev/null; then
  hs=$dir/artext-bench-hs_list
  if cc -O2 -o "$hs" "$here/lib/hs_list.c" $(pkg-config --cflags --libs libhs) 2> /dev/null; then
    row "hyperscan -f ($nnames names, literals)" "$hs" "$names" "$input"
    row "hyperscan -f (letter classes, no marks)" "$hs" --fold-letters "$names" "$input"
    keep=$runs
    runs=1
    row "hyperscan -f (letter classes and marks)" "$hs" --fold "$names" "$input"
    runs=$keep
  fi
fi
