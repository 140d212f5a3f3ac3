#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ar-dates end to end: the hand-annotated corpus dates, every output mode
# (jq for JSON, xmllint for TimeML), reference-date sources, exit statuses
# and bad input.
source "$(dirname "$0")/lib.sh"
D="$BIN/ar-dates"
C="$SRC/corpus"

# --- the corpus against tests/gold/dates_corpus.tsv ---------------------------
ref_for() {
  case $1 in 000_*) echo "";; 003_*) echo "--ref 2021-12-03";; *) echo "--ref 2021-12-08";; esac
}
got=$(for f in "$C"/00[0-4]_*.txt; do
  b=$(basename "$f")
  # shellcheck disable=SC2046
  (cd "$C" && "$D" --json $(ref_for "$b") "$b")
done | jq -r '[.file, (.line|tostring), .text, (.value + (if .mod then "/" + .mod else "" end))] | @tsv' | sort)
want=$(grep -v '^#' "$SRC/tests/gold/dates_corpus.tsv" | sort)
expect_eq "corpus dates = hand annotation" "$got" "$want"
missed=$(comm -13 <(printf '%s\n' "$got") <(printf '%s\n' "$want") | wc -l)
extra=$(comm -23 <(printf '%s\n' "$got") <(printf '%s\n' "$want") | wc -l)
expect_eq "no missed corpus date" "$missed" 0
expect_eq "no spurious corpus date" "$extra" 0

# the dateline of 000 is found and said so
src=$(cd "$C" && "$D" --json 000_4d9058f67ed09ede.txt | jq -r '.ref + " " + .ref_source' | sort -u)
expect_eq "dateline reference" "$src" "2021-12-08 dateline"
# byte offsets point at the text in the file
line1=$(head -n 1 "$C/000_4d9058f67ed09ede.txt")
"$D" --json "$C/000_4d9058f67ed09ede.txt" | head -n 3 > "$TMP/j"
while IFS=$'\t' read -r s e t; do
  sub=$(printf '%s' "$line1" | head -c "$e" | tail -c $((e - s)))
  expect_eq "offsets $s-$e" "$sub" "$t"
done < <(jq -r '[.start, .end, .text] | @tsv' "$TMP/j")
expect_eq "json fields" "$(jq -c '[.type, .calendar, .relative]' "$TMP/j" | head -n 1)" '["DATE","gregorian",false]'

# --- default output ----------------------------------------------------------
out=$(printf 'وصل في 8 ديسمبر 2021 ثم غادر\n' | "$D")
expect_eq "default line" "$out" "(standard input):1: 2021-12-08	8 ديسمبر 2021"
out=$(printf 'سطر\nاعلن أواخر العام 2017 انتصاره\n' | "$D" --ref 2021-12-08)
expect_eq "default with mod" "$out" "(standard input):2: 2017 mod=END	أواخر العام 2017"
out=$("$D" --ref 2021-12-08 "$C/001_f52aea2b1973677a.txt" | cut -f1 | sed 's/.*: //' | sort -u | tr '\n' ' ')
expect_eq "001 values" "$out" "2021-12-07 2021-12-08 "

# --- --replace and --annotate ------------------------------------------------
out=$(echo 'وصل في 8 ديسمبر 2021' | "$D" --replace)
expect_eq "replace" "$out" "وصل في 2021-12-08"
out=$(echo 'وصل في 8 ديسمبر 2021' | "$D" --annotate)
expect_eq "annotate" "$out" "وصل في 8 ديسمبر 2021 [2021-12-08]"
for f in "$C"/*.txt; do
  "$D" --replace --ref 2021-12-08 "$f" > "$TMP/r"
  expect_eq "replace keeps lines $(basename "$f")" "$(wc -l < "$TMP/r")" "$(wc -l < "$f")"
done
"$D" --annotate --ref 2021-12-08 "$C/000_4d9058f67ed09ede.txt" | sed 's/ \[[^]]*\]//g' > "$TMP/a"
expect_eq "annotate minus values is the input" "$(cmp -s "$TMP/a" "$C/000_4d9058f67ed09ede.txt"; echo $?)" 0
out=$(printf 'لا تاريخ هنا\n' | "$D" --replace)
expect_eq "replace without dates copies" "$out" "لا تاريخ هنا"

# --- --timeml -----------------------------------------------------------------
if command -v xmllint >/dev/null; then
  for f in "$C"/*.txt; do
    "$D" --timeml "$f" > "$TMP/t.xml"
    expect_status "timeml well-formed $(basename "$f")" 0 xmllint --noout "$TMP/t.xml"
  done
  "$D" --timeml "$C/000_4d9058f67ed09ede.txt" > "$TMP/t.xml"
  n=$(xmllint --xpath 'count(//TEXT/TIMEX3)' "$TMP/t.xml")
  expect_eq "timeml TIMEX3 count" "$n" 7
  v=$(xmllint --xpath 'string(//TEXT/TIMEX3[@tid="t7"]/@value)' "$TMP/t.xml")
  expect_eq "timeml value" "$v" "2017-12-09"
  v=$(xmllint --xpath 'string(//DCT/TIMEX3/@value)' "$TMP/t.xml")
  expect_eq "timeml DCT" "$v" "2021-12-08"
  txt=$(xmllint --xpath 'string(//TEXT)' "$TMP/t.xml" | sed '1d')
  expect_eq "timeml text is the input" "$txt" "$(cat "$C/000_4d9058f67ed09ede.txt")"
  "$D" --timeml --ref 2021-12-08 "$C"/*.txt > "$TMP/all.xml"
  expect_status "timeml several files" 0 xmllint --noout "$TMP/all.xml"
  expect_eq "timeml documents" "$(xmllint --xpath 'count(/TimeMLCollection/TimeML)' "$TMP/all.xml")" 5
  printf 'في 8 ديسمبر 2021 \xff\x01 <&> "x"\n' | "$D" --timeml > "$TMP/bad.xml"
  expect_status "timeml with invalid bytes and markup characters" 0 xmllint --noout "$TMP/bad.xml"
  : > "$TMP/empty"
  "$D" --timeml "$TMP/empty" > "$TMP/e.xml"
  expect_status "timeml of an empty file" 0 xmllint --noout "$TMP/e.xml"
else
  bad "xmllint not installed (apt-get install libxml2-utils)"
fi

# --- the reference date --------------------------------------------------------
out=$(echo 'وصل أمس' | "$D" --json --ref 2020-03-01 | jq -r '.value + " " + .ref_source')
expect_eq "ref option" "$out" "2020-02-29 option"
out=$(printf 'القاهرة في 3 مارس 2020\nوصل أمس\n' | "$D" --json | jq -r '.value + " " + .ref_source' | tail -n 1)
expect_eq "ref dateline" "$out" "2020-03-02 dateline"
out=$(echo 'وصل أمس' | "$D" --json | jq -r '.ref + " " + .ref_source')
expect_eq "ref today" "$out" "$(date +%F) today"
out=$(printf 'وصل أمس\n\n\n1\n2\n3\n4\n5\nفي 3 مارس 2020\n' | "$D" --json | jq -r .ref_source | sort -u)
expect_eq "dateline only near the top" "$out" "today"
out=$(printf 'وصل أمس\n\n\n1\n2\n3\n4\n5\nفي 3 مارس 2020\n' | "$D" --json --dateline-lines 100 | jq -r .ref_source | sort -u)
expect_eq "--dateline-lines" "$out" "dateline"
out=$(printf 'القاهرة في 3 مارس 2020\n' | "$D" --json --dateline-lines 0 | jq -r .ref_source)
expect_eq "--dateline-lines 0" "$out" "today"
out=$(echo 'يصل الخميس' | "$D" --ref 2021-12-08 --future | cut -f1)
expect_eq "--future" "$out" "(standard input):1: 2021-12-09"
out=$(echo 'يصل الخميس' | "$D" --ref 2021-12-08 --future --past | cut -f1)
expect_eq "--past" "$out" "(standard input):1: 2021-12-02"
out=$(echo '1 رمضان 1443 هـ' | "$D" --json --calendar islamic-civil | jq -r '.value + " " + .hijri + " " + .calendar')
expect_eq "--calendar" "$out" "2022-04-03 1443-09-01 hijri"
out=$(echo '1 رمضان 1443 هـ' | "$D" --json | jq -r .value)
expect_eq "umm al-qura default" "$out" "2022-04-02"

# --- exit status and errors ------------------------------------------------------
expect_status "found" 0 "$D" "$C/000_4d9058f67ed09ede.txt"
expect_status "none" 1 sh -c "echo 'لا شيء هنا' | '$D'"
expect_status "missing file" 2 "$D" "$TMP/nonexistent"
expect_status "bad --ref" 2 "$D" --ref 2021-02-30 "$C/000_4d9058f67ed09ede.txt"
expect_status "bad --calendar" 2 "$D" --calendar mayan "$C/000_4d9058f67ed09ede.txt"
expect_status "bad option" 2 "$D" --no-such-option
"$D" "$TMP/nonexistent" "$C/000_4d9058f67ed09ede.txt" > "$TMP/o" 2> "$TMP/e"; st=$?
expect_eq "error on one file, others still read" "$st:$(wc -l < "$TMP/o")" "2:7"
expect_match "error message" "^ar-dates: .*nonexistent: " "$(cat "$TMP/e")"

# --- bad input ---------------------------------------------------------------------
out=$(echo '31 فبراير 2021' | "$D" 2> "$TMP/e"); st=$?
expect_eq "31 فبراير: no value" "$out:$st" ":1"
expect_match "31 فبراير: warning" "not a valid date: 31 فبراير 2021" "$(cat "$TMP/e")"
out=$(echo 'عام 0 و 2021/13/01' | "$D" 2> "$TMP/e"); st=$?
expect_eq "year 0, month 13: no value" "$out:$st" ":1"
expect_eq "two warnings" "$(wc -l < "$TMP/e")" 2
out=$(printf 'وصل في 8 ديسمبر' | "$D" --ref 2021-12-08)
expect_eq "expression at end of file, no newline" "$out" "(standard input):1: 2021-12-08	8 ديسمبر"
out=$(printf 'في 8 ديسمبر 2021 \xff\xfe وصل\n' | "$D" 2>/dev/null)
expect_eq "invalid UTF-8 around a date" "$out" "(standard input):1: 2021-12-08	8 ديسمبر 2021"
out=$(printf 'في 8 ديسمبر 2021 \xff\n' | "$D" --replace 2>/dev/null | od -An -tx1 | tr -d ' \n')
expect_match "replace keeps invalid bytes" "ff0a$" "$out"
: > "$TMP/empty"
expect_status "empty file" 1 "$D" "$TMP/empty"
expect_eq "empty file prints nothing" "$("$D" "$TMP/empty")" ""
head -c 3000000 /dev/urandom > "$TMP/random"
"$D" --ref 2021-12-08 "$TMP/random" > /dev/null 2>&1; st=$?
# random bytes may spell a clock time now and then: found or not, never a crash
expect_match "random bytes: exit 0 or 1" "^[01]$" "$st"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "في 8 ديسمبر 2021 "; print "" }' > "$TMP/long"
expect_eq "huge line" "$("$D" "$TMP/long" | wc -l)" 20000
printf '\xef\xbb\xbfفي 8 ديسمبر 2021\r\n' > "$TMP/crlf"
expect_eq "BOM and CRLF" "$("$D" "$TMP/crlf")" "$TMP/crlf:1: 2021-12-08	8 ديسمبر 2021"
if command -v uconv >/dev/null; then
  printf 'وصل في 8 ديسمبر 2021\n' | uconv -f utf-8 -t windows-1256 > "$TMP/cp1256"
  expect_eq "windows-1256" "$("$D" --encoding windows-1256 "$TMP/cp1256" | cut -f1)" "$TMP/cp1256:1: 2021-12-08"
  expect_match "CP1256 read as UTF-8: a hint at --encoding" 'invalid UTF-8 byte.*try --encoding=auto' "$("$D" "$TMP/cp1256" 2>&1 >/dev/null)"
  expect_eq "--encoding auto" "$("$D" --encoding auto "$TMP/cp1256" | cut -f1)" "$TMP/cp1256:1: 2021-12-08"
fi
printf '<html><body><p>وصل في 8 ديسمبر 2021</p><script>9 ديسمبر 2021</script></body></html>\n' > "$TMP/page.html"
expect_eq "html" "$("$D" --html "$TMP/page.html" | cut -f2)" "8 ديسمبر 2021"
# --ref with a clock time: hours count from it, the JSON says it, and a bad
# time is a usage error.
expect_eq "--ref with a time" "$(echo 'يصل الوفد بعد 6 ساعات' | "$D" --ref 2021-12-08T23:30 --json | jq -r '[.value, .type, .ref] | @tsv')" \
  "2021-12-09T05:30	TIME	2021-12-08T23:30"
expect_status "--ref with an impossible time" 2 "$D" --ref 2021-12-08T25:00 /dev/null
expect_match "--ref with an impossible time: message" "^ar-dates: --ref: .*YYYY-MM-DDTHH:MM" "$("$D" --ref 2021-12-08T25:00 /dev/null 2>&1)"
# Spoken forms, feasts, a Hijri month with a Gregorian year, now: values
# and spans through the command (the grammar's cases are in unit_dates_cases).
printf 'نلتقي بكرة قبل عيد الأضحى\nصام الناس رمضان 2019 واحتفلوا بعيد الفطر 2013\nلا جديد حتى الآن\n' > "$TMP/spoken"
expect_eq "spoken, feasts, now" "$("$D" --ref 2021-12-08 --json "$TMP/spoken" | jq -r '[.line, .value, .text] | @tsv' | tr '\t\n' '| ')" \
  "1|2021-12-09|بكرة 1|2022-07-09|عيد الأضحى 2|2019-05|رمضان 2019 2|2013-08-08|عيد الفطر 2013 3|PRESENT_REF|الآن "
# Errors, closed pipes, --help/--version: the checks every command shares.
expect_unix "$D" "$C/000_4d9058f67ed09ede.txt" --ref 2021-12-08
finish
