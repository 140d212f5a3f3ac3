#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What ar-grep does beyond grep: folded matching over the corpus, original
# text and offsets in every output, invalid UTF-8, huge lines, long pattern
# lists, runaway regexes, other encodings.
. "$(dirname "$0")/lib.sh"
G=$BIN/ar-grep
cd "$CORPUS" || exit 2
files=(*.txt)

# --- folding finds every spelling grep needs a hand-written alternation for
expect_eq "أربيل = hand-written alternation" "$("$G" -c أربيل "${files[@]}")" \
  "$(grep -c -E '[أإآا]ربيل' "${files[@]}")"
expect_eq "اربيل finds أربيل too" "$("$G" -c اربيل "${files[@]}")" "$("$G" -c أربيل "${files[@]}")"
expect_match "file 001 writes اربيل" '^[1-9]' "$(grep -c 'اربيل' "${files[1]}")"
expect_eq "-o prints the original spellings" "$("$G" -o -h إربيل "${files[1]}" | sort -u | paste -sd' ')" "أربيل اربيل"
# --strict is plain grep.
expect_eq "--strict = grep" "$("$G" --strict -c أربيل "${files[@]}")" "$(grep -c أربيل "${files[@]}")"
expect_eq "--no-fold-alef = grep" "$("$G" --no-fold-alef -c أربيل "${files[@]}")" "$(grep -c أربيل "${files[@]}")"
# A vocalized, stretched, ya-final spelling of the name finds the plain one.
expect_eq "الكـاظمِى" "$("$G" -c 'الكـاظمِى' "${files[@]}")" "$(grep -c الكاظمي "${files[@]}")"
# Text with the variants: each line must be found, and printed as written.
cat > "$TMP/variants.txt" <<'EOF'
قال الكاظمى أمس
قال الكاظمِيّ أمس
قال الكـاظمي أمس
وللكاظمي رأي
بالكاظمي
قال الكاظم أمس
وصل إلى مخمور
وصل إلى مخمورية
EOF
expect_eq "variants -n" "$("$G" -n الكاظمي "$TMP/variants.txt" | cut -d: -f1 | tr '\n' ' ')" "1 2 3 4 5 "
expect_eq "variants -o" "$("$G" -o الكاظمي "$TMP/variants.txt" | tr '\n' '|')" "الكاظمى|الكاظمِيّ|الكـاظمي|للكاظمي|الكاظمي|"
expect_eq "-w مخمور" "$("$G" -w -c مخمور "$TMP/variants.txt")" 1
expect_eq "ة/ه" "$("$G" -c البيشمركه "${files[@]}" | paste -sd' ')" "$(grep -c -E '(ال|لل)بيشمرك[ةه]' "${files[@]}" | paste -sd' ')"
expect_eq "--no-fold-teh" "$("$G" --no-fold-teh -c البيشمركه "${files[@]}" | paste -sd' ')" "$(grep -c البيشمركه "${files[@]}" | paste -sd' ')"
# -w is Arabic-aware: the corpus's clitic forms of the name count.
expect_eq "-w -c الكاظمي" "$("$G" -w -c الكاظمي "${files[@]}" | paste -sd' ')" \
  "$(grep -c -E '(^|[^[:alnum:]_])([وف]?[بك]?|[وف]?ل)?(ال|ل)?(ال)?كاظمي([^[:alnum:]_]|$)' "${files[@]}" | paste -sd' ')"

# Each fold at the command line: found by default, not with its --no-fold switch.
while IFS=' ' read -r step pat text; do
  text=$(printf "$text")
  expect_eq "fold $step" "$(printf '%s\n' "$text" | "$G" -c "$pat")" 1
  expect_eq "--no-fold-$step" "$(printf '%s\n' "$text" | "$G" -c "--no-fold-$step" "$pat")" 0
done <<'CASES'
harakat الكاظمي قال الكاظمِيّ
quranic قالوا قال\u06D6وا لا
tatweel الكاظمي الكـاظمي
invisible مخمور مخ\u200cمور
alef أربيل إربيل
yeh الكاظمي الكاظمى
teh البيشمركة البيشمركه
hamza مسؤول مسوول
persian كردستان کردستان
digits 2021 ٢٠٢١
CASES

# --- JSON: offsets point at the original bytes
"$G" --json -w الكاظمي "${files[@]}" > "$TMP/out.json"
expect_eq "json objects = -o total" "$(wc -l < "$TMP/out.json")" "$(cat "${files[@]}" | "$G" -w -o الكاظمي | wc -l)"
expect_eq "json lines = -c total" "$(jq -r '[.file, .line_number] | @tsv' "$TMP/out.json" | sort -u | wc -l)" "$(cat "${files[@]}" | "$G" -w -c الكاظمي)"
bad=0 checked=0
while IFS=$'\t' read -r file s e text; do
  got=$(tail -c +$((s + 1)) "$file" | head -c $((e - s)))
  [ "$got" == "$text" ] || { bad=$((bad + 1)); echo "  $file $s..$e: '$got' != '$text'" >&2; }
  checked=$((checked + 1))
done < <(jq -r '[.file, .abs_start, .abs_end, .text] | @tsv' "$TMP/out.json")
expect_eq "json abs offsets ($checked spans)" "$bad" 0
expect_match "json spans checked" '^[1-9][0-9]' "$checked"
# start/end are offsets within .line; offset is where the line starts.
expect_eq "json line offsets" "$(jq -r '[(.abs_start - .offset) == .start] | @tsv' "$TMP/out.json" | sort -u)" "true"
bad=0
while IFS=$'\t' read -r file off line; do
  got=$(tail -c +$((off + 1)) "$file" | head -n 1)
  [ "$got" == "$line" ] || bad=$((bad + 1))
done < <(jq -r '[.file, .offset, .line] | @tsv' "$TMP/out.json")
expect_eq "json line at offset" "$bad" 0
expect_eq "json -v: line objects" "$("$G" --json -v الكاظمي "${files[0]}" | jq -r .type | sort -u)" "line"
expect_eq "json context objects" "$("$G" --json -A1 -m1 الكاظمي "${files[0]}" | jq -r .type | uniq | paste -sd,)" "match,context"
# Folded spans: the original bytes of a vocalized match.
"$G" --json الكاظمي "$TMP/variants.txt" > "$TMP/v.json"
expect_eq "json folded texts" "$(jq -r '.text' "$TMP/v.json" | paste -sd'|')" "الكاظمى|الكاظمِيّ|الكـاظمي|للكاظمي|الكاظمي"
s=$(jq -r 'select(.line_number == 2) | .abs_start' "$TMP/v.json")
e=$(jq -r 'select(.line_number == 2) | .abs_end' "$TMP/v.json")
expect_eq "json dd bytes" "$(dd if="$TMP/variants.txt" bs=1 skip="$s" count=$((e - s)) status=none)" "الكاظمِيّ"

# --- invalid UTF-8 passes through untouched
{ printf 'bad \xff\xfe bytes then الكاظمي and \xc3 end\n'; printf 'clean line\n'; } > "$TMP/invalid.txt"
"$G" الكاظمي "$TMP/invalid.txt" > "$TMP/inv.out"
expect_eq "invalid UTF-8 line intact" "$(od -An -tx1 "$TMP/inv.out")" "$(head -n 1 "$TMP/invalid.txt" | od -An -tx1)"
expect_eq "invalid UTF-8 -o" "$("$G" -o الكاظمي "$TMP/invalid.txt")" "الكاظمي"
expect_eq "invalid UTF-8 regex" "$("$G" -c 'ال.اظمي' "$TMP/invalid.txt")" 1
expect_eq "invalid UTF-8 json" "$("$G" --json الكاظمي "$TMP/invalid.txt" | jq -r '.text')" "الكاظمي"

# --- a 50 MB single line made here
{ tr '\n' ' ' < "${files[0]}"; } > "$TMP/para"
# built by doubling, not one append at a time
cp "$TMP/para" "$TMP/big"
while [ "$(stat -c %s "$TMP/big")" -lt 50000000 ]; do cat "$TMP/big" "$TMP/big" > "$TMP/big2" && mv "$TMP/big2" "$TMP/big"; done
printf 'النهاية مخمور\n' >> "$TMP/big"
size=$(stat -c %s "$TMP/big")
expect_eq "50 MB line -c" "$("$G" -c 'النهاية مخمور' "$TMP/big")" 1
expect_eq "50 MB line -o -b" "$("$G" -o -b 'النهاية' "$TMP/big")" "$((size - 1 - $(printf 'النهاية مخمور' | wc -c))):النهاية"
expect_eq "50 MB line regex" "$("$G" -c 'النهاية\s+مخ.ور$' "$TMP/big")" 1
expect_eq "50 MB line count of matches" "$("$G" -o الكاظمي "$TMP/big" | wc -l)" "$(grep -o الكاظمي "$TMP/big" | wc -l)"

# --- 10,000 patterns made here: generated names that never occur, plus three real ones
awk 'BEGIN { split("ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ع غ ف ق", L, " ");
  for (i = 0; i < 9997; i++) { s = "ظظ"; x = i; for (k = 0; k < 4; k++) { s = s L[x % 19 + 1]; x = int(x / 19) } print s } }' > "$TMP/names"
printf 'الكاظمى\nالبيشمركة\nمخمور\n' >> "$TMP/names"
expect_eq "10,000 names file" "$(sort -u "$TMP/names" | wc -l)" 10000
expect_eq "-f 10,000 names = -e three" "$("$G" -n -f "$TMP/names" "${files[@]}")" \
  "$("$G" -n -e الكاظمي -e البيشمركة -e مخمور "${files[@]}")"
expect_eq "-F -f 10,000 names -o" "$("$G" -F -o -h -f "$TMP/names" "${files[@]}" | sort | uniq -c | wc -l)" \
  "$("$G" -o -h -e الكاظمي -e البيشمركة -e مخمور "${files[@]}" | sort | uniq -c | wc -l)"
expect_eq "-w -f 10,000 names" "$("$G" -w -c -f "$TMP/names" "${files[@]}")" \
  "$("$G" -w -c -e الكاظمي -e البيشمركة -e مخمور "${files[@]}")"
expect_eq "-x -f 10,000 names" "$(printf 'x\nمخمور\nالبيشمركه\n' | "$G" -x -f "$TMP/names")" "$(printf 'مخمور\nالبيشمركه')"

# --- a runaway regex stops with a clear error
long=$(printf 'كلمة%.0s' $(seq 60))
printf '%s!\n' "$long" > "$TMP/runaway.txt"
timeout 20 "$G" '^(\w|\w\w)+$' "$TMP/runaway.txt" > /dev/null 2> "$TMP/err"; st=$?
expect_eq "match limit status" "$st" 2
expect_match "match limit message" 'ar-grep: .*runaway.txt: .*match limit' "$(cat "$TMP/err")"

# --- other encodings through the input layer
if command -v uconv > /dev/null; then
  uconv -f utf-8 -t windows-1256 "${files[0]}" > "$TMP/cp1256.txt"
  expect_eq "--encoding=windows-1256" "$("$G" --encoding=windows-1256 -n الكاظمي "$TMP/cp1256.txt")" \
    "$("$G" -n الكاظمي "${files[0]}")"
  "$G" --encoding=windows-1256 --json الكاظمي "$TMP/cp1256.txt" > "$TMP/cp.json"
  s=$(jq -r '.abs_start' "$TMP/cp.json" | head -1)
  e=$(jq -r '.abs_end' "$TMP/cp.json" | head -1)
  expect_eq "cp1256 abs offsets are file bytes" \
    "$(tail -c +$((s + 1)) "$TMP/cp1256.txt" | head -c $((e - s)) | uconv -f windows-1256 -t utf-8)" "الكاظمي"
fi
printf '<html><body><p>زيارة الكاظمي</p><script>var x="الكاظمي";</script></body></html>\n' > "$TMP/page.html"
expect_eq "--html" "$("$G" --html الكاظمي "$TMP/page.html")" "زيارة الكاظمي"
finish
