#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# False positives of ar-grep --loose on corpus/: every distinct word of the
# reports (four letters or more, clitics as written) is searched with -w and
# with --loose; a word --loose finds beyond -w's is an extra. Extras that are
# spellings of the same name (البشمركة for البيشمركة) are right; the rest are
# false positives. Prints the totals and every extra, for reading.
#   bash bench/loose_fp.sh [AR_GREP]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
G=${1:-$root/build/cmd/ar-grep}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$root"/corpus/*.txt > "$tmp/all.txt"
"$root/build/cmd/ar-tok" --types=word "$tmp/all.txt" | awk 'length($0) >= 8' | sort -u > "$tmp/words"
n=0 with=0 extra=0
while read -r w; do
  n=$((n + 1))
  "$G" -h -o -w -F -- "$w" "$tmp/all.txt" | sort -u > "$tmp/a"
  "$G" -h -o --loose -- "$w" "$tmp/all.txt" | sort -u > "$tmp/b"
  x=$(comm -13 "$tmp/a" "$tmp/b" | paste -sd' ')
  if [ -n "$x" ]; then
    with=$((with + 1)); extra=$((extra + $(printf '%s\n' "$x" | wc -w)))
    printf '%s\t%s\n' "$w" "$x"
  fi
done < "$tmp/words"
printf 'words: %d; with extra matches under --loose: %d (%.1f%%); extra forms: %d\n' "$n" "$with" \
  "$(echo "100 * $with / $n" | bc -l)" "$extra"
