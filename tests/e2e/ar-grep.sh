#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ar-grep against GNU grep: for every flag the two share, on corpus text
# where folding changes nothing (patterns spelled one way only in corpus/),
# both run here and must print the same bytes and exit with the same status.
. "$(dirname "$0")/lib.sh"
G=$BIN/ar-grep
cd "$CORPUS" || exit 2
files=(*.txt)

# same NAME ARGS...: stdout and exit status of grep and ar-grep agree.
same() {
  local name=$1; shift
  local want got
  want=$( { grep "$@" 2>/dev/null; echo "status=$?"; } | tr '\0' @)
  got=$( { "$G" "$@" 2>/dev/null; echo "status=$?"; } | tr '\0' @)
  expect_eq "$name: grep $*" "$got" "$want"
}

# same_in NAME FILE ARGS...: the same with FILE on standard input.
same_in() {
  local name=$1 in=$2; shift 2
  local want got
  want=$(grep "$@" < "$in" 2>/dev/null; echo "status=$?")
  got=$("$G" "$@" < "$in" 2>/dev/null; echo "status=$?")
  expect_eq "$name: grep $* < $in" "$got" "$want"
}

# The pattern spellings used below occur in one form only in the corpus, so
# folding cannot change a result: check that first, with grep itself.
for p in الكاظمي داعش قوات; do
  n=$(cat "${files[@]}" | grep -c "$p")
  expect_match "corpus has $p" '^[1-9]' "$n"
done

same "plain" الكاظمي "${files[@]}"
same "one file" الكاظمي "${files[0]}"
same "-c" -c الكاظمي "${files[@]}"
same "-l" -l الكاظمي "${files[@]}"
same "-L" -L الكاظمي "${files[@]}"
same "-L none" -L zzzz "${files[@]}"
same "-n" -n داعش "${files[@]}"
same "-H" -H -n داعش "${files[2]}"
same "-h" -h داعش "${files[@]}"
same "-o" -o -n الكاظمي "${files[@]}"
same "-o -b" -o -b الكاظمي "${files[1]}"
same "-b" -b داعش "${files[0]}"
same "-v" -v الكاظمي "${files[0]}"
same "-v -c" -v -c الكاظمي "${files[@]}"
same "-v -n" -v -n داعش "${files[@]}"
same "-m 1" -m 1 -n الكاظمي "${files[@]}"
same "-m 2 -c" -m 2 -c الكاظمي "${files[@]}"
same "-m 0" -m 0 الكاظمي "${files[0]}"
same "-m1 -A2" -m 1 -A 2 -n الكاظمي "${files[0]}"
same "-A" -A 1 -n قوات "${files[@]}"
same "-B" -B 2 -n قوات "${files[@]}"
same "-C" -C 1 الكاظمي "${files[@]}"
same "-C -v" -C 1 -v -n الكاظمي "${files[1]}"
same "-A -B overlap" -A 3 -B 3 -n داعش "${files[3]}"
same "-e -e" -n -e قوات -e داعش "${files[@]}"
same "regex alternation" -n -E 'قوات|داعش' "${files[@]}"
same "regex class" -c -E 'ال[كم]اظمي' "${files[@]}"
same "-x" -x -c 'الكاظمي' "${files[@]}"
same "-q match" -q الكاظمي "${files[@]}"
same "-q none" -q zzzz "${files[@]}"
same "-F dots" -F -c '..' "${files[@]}"
same "-F paren" -F -n '(داعش)' "${files[@]}"
same "-Z -l" -Z -l الكاظمي "${files[@]}"
same "--null -c" --null -c الكاظمي "${files[@]}"
same "no match" zzzz "${files[@]}"
same "missing file" الكاظمي nosuchfile "${files[0]}"
same "-s missing" -s الكاظمي nosuchfile
same "-q missing+match" -q الكاظمي nosuchfile "${files[0]}"
same "directory" الكاظمي .
same "empty pattern" -c '' "${files[@]}"
printf 'قوات\nداعش\n' > "$TMP/pats"
same "-f" -f "$TMP/pats" -c "${files[@]}"
same "-f empty" -f /dev/null -c "${files[@]}"
same "-v -f empty" -v -f /dev/null -c "${files[0]}"
same_in "stdin" "${files[0]}" -c الكاظمي
same_in "stdin -" "${files[0]}" -H -c الكاظمي - "${files[1]}"
same_in "--label" "${files[0]}" -H --label=REPORT -n داعش
same "color" --color=always -n -H الكاظمي "${files[0]}"
same "color -o" --color=always -o الكاظمي "${files[1]}"
same "color context" --color=always -A1 -n قوات "${files[@]}"
GREP_COLORS='ms=04;32:fn=33:ln=34:se=35' same "GREP_COLORS" --color=always -n -H داعش "${files[0]}"
same "--color=never" --color=never داعش "${files[0]}"

# Hundreds of fixed strings without folding: the same matches as grep -F,
# leftmost-longest included (-o), and the same lines with -w on Latin text.
cat "${files[@]}" | LC_ALL=C.UTF-8 grep -oP '[\x{0621}-\x{064A}]{3,}' | sort -u | head -n 400 > "$TMP/words"
expect_eq "--strict -F -f words -o = grep -F -o" "$("$G" --strict -F -o -n -f "$TMP/words" "${files[@]}")" \
  "$(grep -F -o -n -f "$TMP/words" "${files[@]}")"
expect_eq "--strict -F -f words -c = grep -F -c" "$("$G" --strict -F -c -f "$TMP/words" "${files[@]}")" \
  "$(grep -F -c -f "$TMP/words" "${files[@]}")"
printf 'الكاظمي\nداعش\n' > "$TMP/two"
same "-F -f 2 names -o" -F -o -f "$TMP/two" "${files[0]}"

# Latin text, where -w and -i mean exactly what grep means.
printf 'ISIS fighters\nthe isis attack\nxisis\nIsis-related\n12 killed\n123 dead\n' > "$TMP/latin.txt"
same "-i" -i -n isis "$TMP/latin.txt"
same "-w" -w -n isis "$TMP/latin.txt"
same "-w -i" -w -i -n isis "$TMP/latin.txt"
same "-w digits" -w -n 12 "$TMP/latin.txt"
same "-x -i" -x -i 'xISIS' "$TMP/latin.txt"
same "-o -i" -o -i 'is' "$TMP/latin.txt"

# -r with --include/--exclude/--exclude-dir (grep walks in directory order,
# ar-grep in name order: compare sorted).
mkdir -p "$TMP/tree/a/b" "$TMP/tree/skip"
cp "${files[0]}" "$TMP/tree/one.txt"
cp "${files[1]}" "$TMP/tree/a/two.txt"
cp "${files[2]}" "$TMP/tree/a/b/three.md"
cp "${files[3]}" "$TMP/tree/skip/four.txt"
sorted() { "$@" 2>&1 | sort; }
for args in "-r" "-r --include=*.txt" "-r --exclude=*.md" "-r --exclude-dir=skip" "-r -l" "-r -c --include=t*" "-rh -n"; do
  # shellcheck disable=SC2086
  expect_eq "grep $args tree" "$(cd "$TMP" && sorted "$G" $args الكاظمي tree)" "$(cd "$TMP" && sorted grep $args الكاظمي tree)"
done
expect_eq "-r no operand" "$(cd "$TMP/tree" && sorted "$G" -r -c الكاظمي)" "$(cd "$TMP/tree" && sorted grep -r -c الكاظمي)"
expect_eq "-r single file" "$(cd "$TMP" && "$G" -r الكاظمي tree/one.txt)" "$(cd "$TMP" && grep -r الكاظمي tree/one.txt)"

# Binary files: NUL bytes. grep 3.8 prints "binary file matches" on stderr.
{ head -n 2 "${files[0]}"; printf 'x\0y\n'; tail -n 2 "${files[0]}"; } > "$TMP/nul.bin"
same "binary" الكاظمي "$TMP/nul.bin"
same "binary -c" -c الكاظمي "$TMP/nul.bin"
same "binary -a" -a -n الكاظمي "$TMP/nul.bin"
same "binary -l" -l الكاظمي "$TMP/nul.bin"
same "binary -I" -I -c الكاظمي "$TMP/nul.bin"
# (stdout to a file: grep behaves like -q when it writes to /dev/null)
expect_eq "binary message" "$("$G" الكاظمي "$TMP/nul.bin" 2>&1 >"$TMP/out")" \
  "$(grep الكاظمي "$TMP/nul.bin" 2>&1 >"$TMP/out" | sed 's/^grep:/ar-grep:/')"
cp "$TMP/nul.bin" "$TMP/tree/a/nul.bin"
expect_eq "-r binary" "$(cd "$TMP" && sorted "$G" -r -n الكاظمي tree)" \
  "$(cd "$TMP" && sorted grep -r -n الكاظمي tree | sed 's/^grep:/ar-grep:/')"

# CRLF lines: the '\r' is part of the line, as in grep.
sed 's/$/\r/' "${files[0]}" > "$TMP/crlf.txt"
same "crlf" -n الكاظمي "$TMP/crlf.txt"
same "crlf -o" -o الكاظمي "$TMP/crlf.txt"
same "crlf -c -x" -c -x 'الكاظمي' "$TMP/crlf.txt"

# Parallel search keeps file order.
for i in 1 2 3 4 5 6; do for f in "${files[@]}"; do cp "$f" "$TMP/p$i-$f"; done; done
expect_eq "-j 3 = -j 1" "$("$G" -j 3 -n الكاظمي "$TMP"/p*)" "$("$G" -j 1 -n الكاظمي "$TMP"/p*)"
expect_eq "-j 2 -c = grep" "$("$G" -j 2 -c الكاظمي "$TMP"/p*)" "$(grep -c الكاظمي "$TMP"/p*)"
expect_eq "-j 2 -A1 = grep" "$("$G" -j 2 -A1 قوات "$TMP"/p*)" "$(grep -A1 قوات "$TMP"/p*)"

# Write errors.
"$G" الكاظمي "${files[@]}" > /dev/full 2> "$TMP/err"; st=$?
expect_eq "/dev/full status" "$st" 2
expect_match "/dev/full message" 'ar-grep: write error' "$(cat "$TMP/err")"

# Usage errors exit 2.
expect_status "bad option" 2 "$G" --no-such-option x
expect_status "no pattern" 2 "$G"
expect_status "bad regex" 2 "$G" 'مخ(مور' "${files[0]}"
expect_match "bad regex message" 'ar-grep: pattern offset [0-9]+: .*parenthesis' "$("$G" 'مخ(مور' "${files[0]}" 2>&1)"
# --line-buffered: a match reaches the next command while the input is
# still open (the writer sleeps 2 s; the reader gives up after 1.5 s).
got=$( (printf 'زار الكاظمي\n'; sleep 2; printf 'x\n') | "$G" --line-buffered الكاظمي | { read -r -t 1.5 l && printf '%s' "$l"; cat > /dev/null; })
expect_eq "--line-buffered passes a match on at once" "$got" "زار الكاظمي"
# Errors, closed pipes, --help/--version: the checks every command shares.
# -w: the whole word after proclitics, nothing after it; --enclitics adds pronouns
printf '%s\n' 'زار الكاظمي منطقة الكاظمية' 'قال البغدادي إن بغداد آمنة' 'السلام عليكم يا علي' 'مخمورة' \
  'قالت حكومته' 'وللكاظمي وبالبيشمركة' > "$TMP/w.txt"
expect_eq "-w: الكاظمي, not الكاظمية" "$("$G" -o -w الكاظمي "$TMP/w.txt" | paste -sd' ')" "الكاظمي وللكاظمي"
expect_eq "-w: بغداد, not البغدادي" "$("$G" -o -w بغداد "$TMP/w.txt")" "بغداد"
expect_eq "-w: not عليكم" "$("$G" -o -w علي "$TMP/w.txt")" "علي"
expect_status "-w: not مخمورة" 1 "$G" -w مخمور "$TMP/w.txt"
expect_status "-w: not حكومته" 1 "$G" -w حكومة "$TMP/w.txt"
expect_eq "--enclitics: حكومته" "$("$G" -o -w --enclitics حكومة "$TMP/w.txt")" "حكومته"
expect_eq "--enclitics: عليكم and علي" "$("$G" -o -w --enclitics علي "$TMP/w.txt" | paste -sd' ')" "عليكم علي"
expect_eq "--enclitics: still not الكاظمية" "$("$G" -c -w --enclitics الكاظمي "$TMP/w.txt")" "2"
expect_eq "-w -f: same rules" "$(printf 'بغداد\nمخمور\nالبيشمركة\n' | "$G" -o -w -F -f - "$TMP/w.txt" | paste -sd' ')" "بغداد وبالبيشمركة"
expect_match "--json: the name without و" '"text":"للكاظمي"' "$("$G" --json -w الكاظمي "$TMP/w.txt" | tail -1)"
expect_match "--color: the whole word" $'\e\\[01;31m\e\\[Kوللكاظمي' "$("$G" --color=always -w الكاظمي "$TMP/w.txt")"
# over the reports: -w finds fewer العراق than plain search (العراقي, العراقية are other words)
w=$("$G" -h -o -w العراق "$CORPUS"/*.txt | wc -l); e=$("$G" -h -o -w --enclitics العراق "$CORPUS"/*.txt | wc -l)
p=$("$G" -h -o العراق "$CORPUS"/*.txt | wc -l)
expect_status "corpus: -w < --enclitics < plain for العراق ($w $e $p)" 0 test "$w" -lt "$e" -a "$e" -lt "$p"
expect_eq "corpus: -o -w shows clitics" "$("$G" -h -o -w البيشمركة "$CORPUS"/*.txt | sort | uniq -c | awk '{print $2 ":" $1}' | paste -sd' ')" "البيشمركة:18 للبيشمركة:1 والبيشمركة:7"

# presentation forms: the reports rewritten in positional forms (as PDFs
# extract them) give the same lines for every name, with the forms printed
python3 - "$CORPUS" "$TMP/forms" <<'PY'
import os, sys, unicodedata
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
# letter -> its isolated/initial/medial/final forms, from Unicode's decompositions
forms = {}
for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFEFF)):
    c = chr(cp)
    d = unicodedata.decomposition(c).split()
    if len(d) == 2 and d[0] in ('<isolated>', '<initial>', '<medial>', '<final>'):
        forms.setdefault(chr(int(d[1], 16)), {})[d[0]] = c
for name in sorted(os.listdir(src)):
    if not name.endswith('.txt'):
        continue
    out = []
    for line in open(os.path.join(src, name), encoding='utf-8'):
        # every letter in its isolated form (enough to change every byte), lam-alef as a ligature
        line = line.replace('لا', '\ufefb').replace('لأ', '\ufef7').replace('الله', '\ufdf2')
        out.append(''.join(forms.get(ch, {}).get('<isolated>', ch) for ch in line))
    open(os.path.join(dst, name), 'w', encoding='utf-8').write(''.join(out))
PY
for n in الكاظمي مخمور أربيل البيشمركة داعش الله; do
  expect_eq "forms: $n" "$("$G" -h -c -w "$n" "$TMP"/forms/*.txt | paste -sd' ')" "$("$G" -h -c -w "$n" "$CORPUS"/*.txt | paste -sd' ')"
done
expect_eq "forms: -f list" "$(printf 'الكاظمي\nمخمور\nبغداد\n' | "$G" -h -c -F -f - "$TMP"/forms/*.txt | paste -sd' ')" \
  "$(printf 'الكاظمي\nمخمور\nبغداد\n' | "$G" -h -c -F -f - "$CORPUS"/*.txt | paste -sd' ')"
expect_match "forms: original bytes printed" "ﺍﻝﻙﺍﻅﻡﻱ" "$("$G" -h -o الكاظمي "$TMP"/forms/*.txt | head -1)"
expect_eq "forms: regex" "$("$G" -h -c 'مخمو.' "$TMP"/forms/*.txt | paste -sd' ')" "$("$G" -h -c 'مخمو.' "$CORPUS"/*.txt | paste -sd' ')"
expect_eq "forms: --no-fold-presentation finds none" "$("$G" -h -c --no-fold-presentation مخمور "$TMP"/forms/*.txt | paste -sd+ | bc)" "0"

# --loose: spellings of a foreign name, whole words only
printf '%s\n' 'قال الأمين العام أنطونيو غوتيريش' 'وأكد جوتيريس أن' 'التقى الرئيس ترمب' 'غوتيريشية' > "$TMP/loose.txt"
expect_eq "--loose: غوتيريش" "$("$G" -o --loose غوتيريش "$TMP/loose.txt" | paste -sd' ')" "غوتيريش جوتيريس"
expect_eq "--loose: ترامب" "$("$G" -o --loose ترامب "$TMP/loose.txt")" "ترمب"
expect_eq "--loose -f" "$(printf 'غوتيريش\nترامب\n' | "$G" -c --loose -f - "$TMP/loose.txt")" "3"
expect_eq "--loose over the reports: the same lines as -w for مخمور" "$("$G" -c --loose مخمور "$CORPUS"/*.txt | paste -sd' ')" "$("$G" -c -w مخمور "$CORPUS"/*.txt | paste -sd' ')"

# Matches across the read buffer's edges: a name straddles every multiple
# of 64 KiB up to 2 MiB (the input reads 256 KiB at a time and cuts chunks
# at a newline), starting 1 to 13 bytes before it; the same lines, counts
# and byte offsets as grep.
python3 - "$TMP/edges.txt" <<'PY'
import sys
name = 'الكاظمي'.encode()
out = bytearray()
for k, b in enumerate(range(65536, 2 * 1024 * 1024 + 1, 65536)):
    shift = 1 + k % 13
    while len(out) + 100 <= b - shift - 2:
        out += b'x' * 99 + b'\n'
    out += b'y' * (b - shift - 1 - len(out)) + b' ' + name + b' z\n'
open(sys.argv[1], 'wb').write(bytes(out))
PY
same "read edges: -c" -c الكاظمي "$TMP/edges.txt"
same "read edges: -n" -n الكاظمي "$TMP/edges.txt"
same "read edges: -b -o" -b -o الكاظمي "$TMP/edges.txt"
same "read edges: -w -c" -w -c الكاظمي "$TMP/edges.txt"
printf 'الكاظمي\nمخمور\n' > "$TMP/edges.list"
same "read edges: -f" -n -F -f "$TMP/edges.list" "$TMP/edges.txt"
expect_eq "read edges: all 32 found" "$("$G" -c الكاظمي "$TMP/edges.txt")" "32"

# A file that shrinks while it is read: ar-grep, blocked on a full pipe
# early in the file, sees it cut to 1 MB. It must end by itself with
# status 0 and print a prefix of what it prints for the whole file.
seq 1 200000 | sed 's/$/ قال الكاظمي/' > "$TMP/shrink.txt"
cp "$TMP/shrink.txt" "$TMP/shrink.orig"
{ "$G" -n الكاظمي "$TMP/shrink.txt"; echo "$?" > "$TMP/shrink.status"; } | { sleep 1; cat; } > "$TMP/shrink.out" &
sleep 0.3
truncate -s 1000000 "$TMP/shrink.txt"
wait
expect_eq "shrinking file: exit status" "$(cat "$TMP/shrink.status")" "0"
n=$(wc -l < "$TMP/shrink.out")
expect_match "shrinking file: stopped early ($n lines)" '^[1-9][0-9]{3,4}$' "$n"
expect_eq "shrinking file: a prefix of the whole file's lines" "$(md5sum < "$TMP/shrink.out")" \
  "$("$G" -n الكاظمي "$TMP/shrink.orig" | head -n "$n" | md5sum)"

expect_unix "$G" "$CORPUS/000_4d9058f67ed09ede.txt" -w الكاظمي
finish
