# SPDX-License-Identifier: MIT
# ar-norm end to end on the corpus reports: line structure, idempotence,
# profiles, steps on and off, JSON, transliteration, odd input, errors.
. "$(dirname "$0")/lib.sh"
N=$BIN/ar-norm
lines() { wc -l < "$1" | tr -d ' '; }
# lines counting a last line without a newline; a file with its final newline ensured
nlines() { awk 'END { print NR }' "$1"; }
withnl() { cat "$1"; [ -z "$(tail -c 1 "$1")" ] || echo; }

for f in "$CORPUS"/*.txt; do
  b=$(basename "$f")
  for p in search clean camel keep-letters none; do
    "$N" --profile "$p" "$f" > "$TMP/$b.$p" || bad "$b $p: exit $?"
    expect_eq "$b $p: line count" "$(lines "$TMP/$b.$p")" "$(lines "$f")"
    "$N" --profile "$p" "$TMP/$b.$p" > "$TMP/$b.$p.2"
    cmp -s "$TMP/$b.$p" "$TMP/$b.$p.2" && ok || bad "$b $p: not idempotent"
  done
  cmp -s "$TMP/$b.none" "$f" && ok || bad "$b: profile none changed the text"
  # stdin and - read the same
  expect_eq "$b: stdin" "$("$N" < "$f" | md5sum)" "$(md5sum < "$TMP/$b.search")"
  expect_eq "$b: -" "$("$N" - < "$f" | md5sum)" "$(md5sum < "$TMP/$b.search")"
done
expect_eq "default profile is search" "$("$N" "$CORPUS"/000_*.txt | md5sum)" "$(md5sum < "$TMP/$(basename "$CORPUS"/000_*.txt).search")"

# What the search profile does to a real report line.
f0=$(ls "$CORPUS"/000_*.txt)
line1=$(head -1 "$f0")
out1=$(head -1 "$f0" | "$N")
expect_match "search folds أكد" 'اكد رييس الوزراء العراقي مصطفي الكاظمي' "$out1"
expect_no_match "search leaves no hamza on alef" 'أ|إ|آ|ة|ى' "$out1"
expect_match "original had them" 'أكد رئيس الوزراء العراقي مصطفى' "$line1"
expect_eq "clean keeps letters" "$(head -1 "$f0" | "$N" --profile clean)" "$line1"

# Single steps, --no-X after a profile, digits and punctuation both ways.
expect_eq "--harakat alone" "$(printf 'مُحَمَّدٌ أَكَّدَ\n' | "$N" --harakat)" "محمد أكد"
expect_eq "--alef alone" "$(printf 'أكد إن آخر\n' | "$N" --alef)" "اكد ان اخر"
expect_eq "--no-alef" "$(printf 'أكَّد\n' | "$N" --profile search --no-alef)" "أكد"
expect_eq "--digits" "$(printf '٢٠٢١ ۱۴۰۰\n' | "$N" --digits)" "2021 1400"
expect_eq "--digits=arabic" "$(printf 'عام 2021\n' | "$N" --digits=arabic)" "عام ٢٠٢١"
expect_eq "--punct" "$(printf 'نعم، لا؛ لماذا؟ ٥٠٪\n' | "$N" --punct)" "نعم, لا; لماذا? ٥٠%"
expect_eq "--punct=arabic" "$(printf 'a, b; c?\n' | "$N" --punct=arabic)" "a، b؛ c؟"
expect_eq "--quotes" "$(printf '«قال» “نعم” ‘x’\n' | "$N" --quotes)" "\"قال\" \"نعم\" 'x'"
expect_eq "--invisible" "$(printf 'a\u200cb\u200fc\ufeffd\u061ce\u2067f\u2069\n' | "$N" --invisible)" "abcdef"
expect_eq "--space" "$(printf '  a \t\u00a0 b  \n' | "$N" --space)" "a b"
expect_eq "--tatweel" "$(printf 'العـــراق\n' | "$N" --tatweel)" "العراق"
expect_eq "--nfkc lam-alef" "$(printf 'ﻷن ﻻ\n' | "$N" --nfkc)" "لأن لا"
expect_eq "--persian" "$(printf 'کردستان ی\n' | "$N" --persian)" "كردستان ي"
expect_status "bad --digits value" 2 "$N" --digits=roman
expect_status "bad profile" 2 "$N" --profile nonesuch
expect_match "bad profile message" "unknown profile 'nonesuch'" "$("$N" --profile nonesuch 2>&1 < /dev/null)"
expect_match "--list-profiles" '^search: nfkc harakat' "$("$N" --list-profiles)"

# JSON: one object per line, parsed by jq.
"$N" --json "$f0" > "$TMP/json"
"$N" "$f0" > "$TMP/text"
expect_eq "json line count" "$(lines "$TMP/json")" "$(nlines "$f0")"
expect_eq "json normalized = text output" "$(jq -r .normalized "$TMP/json" | md5sum)" "$(withnl "$TMP/text" | md5sum)"
expect_eq "json original = input" "$(jq -r .original "$TMP/json" | md5sum)" "$(withnl "$f0" | md5sum)"
expect_eq "json line numbers" "$(jq -r .line "$TMP/json" | tail -1)" "$(nlines "$f0")"
expect_eq "json file name" "$(jq -r .file "$TMP/json" | sort -u)" "$f0"
# Each record's offset is where its line starts in the file: the original
# is there, byte for byte; in windows-1256 too, 20 lines in.
bad=0
while IFS=$'\t' read -r off orig; do
  [ "$(tail -c +$((off + 1)) "$f0" | head -n1)" = "$orig" ] || bad=$((bad + 1))
done < <(jq -r '[.offset, .original] | @tsv' "$TMP/json")
expect_eq "json offsets point at their lines" "$bad" "0"
uconv -f utf-8 -t windows-1256 --callback substitute "$f0" > "$TMP/f0.1256"
bad=0
while IFS=$'\t' read -r off orig; do
  [ "$(tail -c +$((off + 1)) "$TMP/f0.1256" | head -n1 | uconv -f windows-1256 -t utf-8)" = "$orig" ] || bad=$((bad + 1))
done < <("$N" --json --encoding=windows-1256 "$TMP/f0.1256" | jq -r '[.offset, .original] | @tsv')
expect_eq "json offsets in windows-1256 point at their lines" "$bad" "0"
expect_eq "json offsets in windows-1256: the last line is not at the UTF-8 offset" \
  "$("$N" --json --encoding=windows-1256 "$TMP/f0.1256" | tail -1 | jq .offset)" "$(($(stat -c %s "$TMP/f0.1256") - $(tail -n1 "$TMP/f0.1256" | wc -c)))"
expect_eq "json stdin name" "$(head -1 "$f0" | "$N" --json | jq -r .file)" "(standard input)"

# Transliteration both ways on a report.
"$N" --translit buckwalter "$f0" > "$TMP/bw"
expect_eq "bw line count" "$(lines "$TMP/bw")" "$(lines "$f0")"
expect_match "bw of the first line" '>kd r}ys AlwzrA' "$(head -1 "$TMP/bw")"
tr -d 'A-Za-z' < "$f0" > "$TMP/noLatin"
for s in buckwalter safe-buckwalter; do
  expect_eq "$s round trip" "$("$N" --to $s "$TMP/noLatin" | "$N" --from $s | md5sum)" "$(md5sum < "$TMP/noLatin")"
done
expect_eq "iso233" "$(printf 'مُحَمَّد\n' | "$N" --translit iso233)" "muḥammad"
expect_status "iso233 has no reverse" 2 "$N" --from iso233
expect_eq "translit after search" "$(printf 'أكَّد\n' | "$N" --profile search -t bw)" "Akd"

# Encodings and HTML go through the input layer: CP1256, ISO-8859-6 (for
# a report without characters outside it) and UTF-16 copies of a report, and
# an HTML page made of its lines, normalize like the UTF-8 original.
f1=$(ls "$CORPUS"/001_*.txt)
withnl "$f1" > "$TMP/r.txt"
"$N" "$TMP/r.txt" > "$TMP/r.want"
uconv -f utf-8 -t windows-1256 --callback skip "$TMP/r.txt" > "$TMP/r.cp1256"
uconv -f windows-1256 -t utf-8 "$TMP/r.cp1256" > "$TMP/r.back"
"$N" "$TMP/r.back" > "$TMP/r.want1256"
expect_eq "--encoding windows-1256" "$("$N" --encoding windows-1256 "$TMP/r.cp1256" | md5sum)" "$(md5sum < "$TMP/r.want1256")"
{ printf '\xff\xfe'; uconv -f utf-8 -t utf-16le "$TMP/r.txt"; } > "$TMP/r.utf16"
expect_eq "UTF-16 with BOM" "$("$N" "$TMP/r.utf16" | md5sum)" "$(md5sum < "$TMP/r.want")"
{ printf '\xef\xbb\xbf'; cat "$TMP/r.txt"; } > "$TMP/r.bom"
expect_eq "UTF-8 BOM" "$("$N" "$TMP/r.bom" | md5sum)" "$(md5sum < "$TMP/r.want")"
{ printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>t</title><style>p{}</style><script>var x = "أ";</script></head><body>\n'
  sed 's|.*|<p>&</p>|' "$TMP/r.txt"; printf '</body></html>\n'; } > "$TMP/r.html"
"$N" --html "$TMP/r.html" | grep -v '^$' | grep -v '^t$' > "$TMP/r.html.out"
expect_eq "--html: one line per paragraph" "$(md5sum < "$TMP/r.html.out")" "$(md5sum < "$TMP/r.want")"
expect_eq "a page is detected without --html" "$("$N" "$TMP/r.html" | md5sum)" "$("$N" --html "$TMP/r.html" | md5sum)"
expect_eq "--html=never keeps the markup" "$("$N" --html=never --profile none "$TMP/r.html" | md5sum)" "$(md5sum < "$TMP/r.html")"
expect_eq "text starting with a tag is text" "$(printf '<b>أ</b>\n' | "$N")" "<b>ا</b>"
expect_status "bad --html value" 2 "$N" --html=sometimes "$TMP/r.html"

# Odd input: invalid UTF-8, NUL bytes, CRLF, empty file, no final newline.
printf 'أ\xff\xfeب\x00ج\r\nد' > "$TMP/odd"
"$N" "$TMP/odd" > "$TMP/odd.out"
expect_eq "invalid bytes and NUL kept" "$(od -An -tx1 "$TMP/odd.out" | tr -d ' \n')" "d8a7fffed8a800d8ac0d0ad8af"
expect_eq "no final newline stays missing" "$(tail -c 2 "$TMP/odd.out" | od -An -tx1 | tr -d ' \n')" "d8af"
expect_status "--strict on invalid input" 2 "$N" --strict "$TMP/odd"
expect_match "--strict says so" 'invalid UTF-8' "$("$N" --strict "$TMP/odd" 2>&1 >/dev/null)"
: > "$TMP/empty"
expect_eq "empty file" "$("$N" "$TMP/empty" | wc -c | tr -d ' ')" "0"
expect_status "empty file exit" 0 "$N" "$TMP/empty"

# A single 50 MB line (no newline inside) made from the corpus.
tr '\n' ' ' < "$f0" > "$TMP/one"
while [ "$(stat -c %s "$TMP/one")" -lt 50000000 ]; do cat "$TMP/one" "$TMP/one" > "$TMP/one.2"; mv "$TMP/one.2" "$TMP/one"; done
printf '\n' >> "$TMP/one"
"$N" "$TMP/one" > "$TMP/one.out" || bad "50 MB line: exit $?"
expect_eq "50 MB line stays one line" "$(lines "$TMP/one.out")" "1"
expect_eq "50 MB line normalized like its pieces" "$(head -c 3000 "$TMP/one.out" | md5sum)" "$(tr '\n' ' ' < "$f0" | "$N" | head -c 3000 | md5sum)"
rm -f "$TMP/one" "$TMP/one.out"

# Errors, closed pipes, --help/--version: the checks every command shares.
expect_unix "$N" "$f0"
finish
