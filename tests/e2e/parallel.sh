#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The GNU parallel recipes of artext(7) and the README, run here: over a
# tree of reports, over one big file split at line boundaries (--pipepart),
# and in the --sshlogin form (-S : is this machine, no ssh), each compared
# with the single-process run.
. "$(dirname "$0")/lib.sh"
command -v parallel >/dev/null || { echo "parallel not installed (apt-get install parallel)" >&2; echo "0 passed, 1 failed"; exit 1; }
export PATH="$BIN:$PATH"
cd "$SRC" || exit 2
P="parallel --will-cite"
sum() { awk -F: '{s += $NF} END {print s + 0}'; }

# a tree of reports: each file one job
mkdir -p "$TMP/tree/a" "$TMP/tree/b"
cp corpus/00[0-2]*.txt "$TMP/tree/a/"; cp corpus/00[3-4]*.txt "$TMP/tree/b/"
single=$(ar-grep -c -w مخمور corpus/*.txt | sum)
expect_eq "files: ar-grep -c adds up" "$(find "$TMP/tree" -name '*.txt' | $P -j2 ar-grep -c -w مخمور | sum)" "$single"
expect_eq "files: ar-entities --count merges" \
  "$(find "$TMP/tree" -name '*.txt' | sort | $P -j2 ar-entities --count | ar-entities --merge-counts | sort)" \
  "$(ar-entities --count "$TMP"/tree/*/*.txt | sort)"
expect_eq "files: ar-dates --json, per file" \
  "$($P -j2 ar-dates --ref 2021-12-08 --json ::: corpus/*.txt | jq -c '[.file, .line, .start, .value]' | sort)" \
  "$(ar-dates --ref 2021-12-08 --json corpus/*.txt | jq -c '[.file, .line, .start, .value]' | sort)"

# one big file (1 MB), split at line boundaries into 8 blocks
for _ in $(seq 40); do cat corpus/*.txt; done > "$TMP/big.txt"
big=$(ar-grep -c -w مخمور "$TMP/big.txt")
expect_eq "pipepart: ar-grep -c adds up" "$($P --pipepart -a "$TMP/big.txt" --block 128k -j2 ar-grep -c -w مخمور | sum)" "$big"
expect_eq "pipepart: -v adds up" "$($P --pipepart -a "$TMP/big.txt" --block 128k -j2 ar-grep -v -c -w مخمور | sum)" \
  "$(ar-grep -v -c -w مخمور "$TMP/big.txt")"
expect_eq "pipepart: matched lines, in order with --keep-order" \
  "$($P --pipepart -a "$TMP/big.txt" --block 128k -j2 --keep-order ar-grep -w البيشمركة | md5sum)" \
  "$(ar-grep -w البيشمركة "$TMP/big.txt" | md5sum)"
expect_eq "pipepart: ar-norm is line-preserving per block" \
  "$($P --pipepart -a "$TMP/big.txt" --block 128k -j2 --keep-order ar-norm --profile search | md5sum)" \
  "$(ar-norm --profile search "$TMP/big.txt" | md5sum)"
expect_eq "pipepart: dates, values and texts" \
  "$($P --pipepart -a "$TMP/big.txt" --block 128k -j2 ar-dates --ref 2021-12-08 --json | jq -r '[.value, .text] | @tsv' | sort | md5sum)" \
  "$(ar-dates --ref 2021-12-08 --json "$TMP/big.txt" | jq -r '[.value, .text] | @tsv' | sort | md5sum)"

# the --sshlogin form, on this machine (-S :)
expect_eq "sshlogin: ar-grep -c adds up" "$($P -S : --pipepart -a "$TMP/big.txt" --block 128k ar-grep -c -w مخمور | sum)" "$big"
expect_eq "sshlogin: files and --merge-counts" \
  "$($P -S : ar-entities --count ::: corpus/*.txt | ar-entities --merge-counts | sort)" \
  "$(ar-entities --count corpus/*.txt | sort)"

mkdir -p "$TMP/ship" && cp corpus/*.txt "$TMP/ship/"
(cd "$TMP/ship" && $P -S : --transferfile {} --return {}.dates --cleanup 'ar-dates --ref 2021-12-08 --json {} > {}.dates' ::: *.txt)
expect_eq "sshlogin: --transferfile/--return" "$(cat "$TMP"/ship/*.dates | jq -r '[.value, .text] | @tsv' | sort | md5sum)" \
  "$(ar-dates --ref 2021-12-08 --json corpus/*.txt | jq -r '[.value, .text] | @tsv' | sort | md5sum)"

# --merge-counts: bad lines are an error with file:line
printf '3\tPER\tفلان\nnot a count\n' > "$TMP/bad.cnt"
err=$(ar-entities --merge-counts "$TMP/bad.cnt" 2>&1 >/dev/null); st=$?
expect_eq "merge: bad line exit" "$st" 2
expect_match "merge: file:line" "bad.cnt:2: not a line of ar-entities --count" "$err"
expect_eq "merge: -H output too" "$(ar-entities --count -H corpus/*.txt | ar-entities --merge-counts | sort)" \
  "$(ar-entities --count corpus/*.txt | sort)"
finish
