# SPDX-License-Identifier: MIT
# ar-tok end to end on the corpus reports: tokens cover the text, stdin and
# - agree, JSON offsets point at the original bytes, segmentation, sentences,
# type filters, the word-frequency pipeline, odd bytes, a 50 MB line, errors.
. "$(dirname "$0")/lib.sh"
T=$BIN/ar-tok
N=$BIN/ar-norm
lines() { wc -l < "$1" | tr -d ' '; }
# the text with the separators ar-tok skips removed (the reports have
# spaces, tabs, line ends and two no-break spaces)
squeeze() { tr -d ' \t\r\n' < "$1" | sed 's/\xc2\xa0//g'; }

for f in "$CORPUS"/*.txt; do
  b=$(basename "$f")
  "$T" "$f" > "$TMP/$b.tok"; st=$?
  expect_eq "$b: exit" "$st" "0"
  [ "$(lines "$TMP/$b.tok")" -gt 300 ] && ok || bad "$b: only $(lines "$TMP/$b.tok") tokens"
  # one token per line, none empty, none with a space inside
  expect_eq "$b: no empty or spaced token" "$(grep -c -E '^$| ' "$TMP/$b.tok")" "0"
  # every byte that is not a separator is in a token, in order, once
  expect_eq "$b: tokens re-joined are the text" "$(tr -d '\n' < "$TMP/$b.tok" | md5sum)" "$(squeeze "$f" | md5sum)"
  expect_eq "$b: stdin" "$("$T" < "$f" | md5sum)" "$(md5sum < "$TMP/$b.tok")"
  expect_eq "$b: -" "$("$T" - < "$f" | md5sum)" "$(md5sum < "$TMP/$b.tok")"
  # the segmented tokens, markers and spaces taken out, are the tokens
  expect_eq "$b: --segment=all keeps every byte" \
    "$("$T" --segment=all "$f" | sed 's/+ / /g; s/ +/ /g' | tr -d ' ' | md5sum)" "$(md5sum < "$TMP/$b.tok")"
done
F0=$CORPUS/000_4d9058f67ed09ede.txt

# What the first line of a report is made of.
expect_eq "first tokens of 000" "$(head -1 "$F0" | "$T" | head -8 | tr '\n' ' ')" "بغداد 8 ديسمبر 2021 ( شينخوا ) أكد "
expect_eq "types of them" "$(head -1 "$F0" | "$T" --json | head -8 | jq -r .type | tr '\n' ' ')" \
  "word number word number punct word punct word "

# JSON: offsets are bytes in the line, the text is those bytes.
"$T" --json "$F0" > "$TMP/json"
expect_status "json parses" 0 jq -e . "$TMP/json"
expect_eq "json records = tokens" "$(lines "$TMP/json")" "$(lines "$TMP/000_4d9058f67ed09ede.txt.tok")"
expect_eq "json text = tokens" "$(jq -r .text "$TMP/json" | md5sum)" "$(md5sum < "$TMP/000_4d9058f67ed09ede.txt.tok")"
expect_eq "json file name" "$(jq -r .file "$TMP/json" | sort -u)" "$F0"
expect_eq "json last line number" "$(jq -r .line "$TMP/json" | tail -1)" "$(awk 'END { print NR }' "$F0")"
expect_eq "json stdin name" "$(head -1 "$F0" | "$T" --json | jq -r .file | sort -u)" "(standard input)"
read -r n nbad < <(python3 - "$F0" "$TMP/json" "$TMP/000_4d9058f67ed09ede.txt.tok" <<'PY'
import json, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
want = open(sys.argv[3], 'rb').read().split(b'\n')
n = bad = 0
for raw in open(sys.argv[2], encoding='utf-8'):
    j = json.loads(raw)
    if lines[j['line'] - 1][j['start']:j['end']] != want[n]:
        bad += 1
    n += 1
print(n, bad)
PY
)
expect_eq "json offsets cut the token out of its line ($n tokens)" "$nbad" "0"

# Segmentation.
expect_eq "--segment" "$(printf 'وبالمحافظة وللكاظمي سيقوم بارزاني وبارزاني لبنان\n' | "$T" --segment | tr '\n' '|')" \
  "و+ ب+ المحافظة|و+ ل+ لكاظمي|س+ يقوم|بارزاني|و+ بارزاني|لبنان|"
expect_eq "--segment=article,enclitics" "$(printf 'وبالمحافظة حكومته\n' | "$T" --segment=article,enclitics | tr '\n' '|')" \
  "و+ ب+ ال+ محافظة|حكومت +ه|"
expect_eq "-s with --marker" "$(printf 'وبالمحافظة كتابه\n' | "$T" -sall --marker=_ | tr '\n' '|')" "و_ ب_ ال_ محافظة|كتاب _ه|"
expect_eq "--marker=" "$(printf 'وبالمحافظة\n' | "$T" --segment --marker=)" "و ب المحافظة"
expect_eq "--segment leaves other tokens" "$(printf 'G20، 2021\n' | "$T" --segment | tr '\n' ' ')" "G20 ، 2021 "
expect_status "bad --segment item" 2 "$T" --segment=nonesuch "$F0"
seg=$(printf 'قال وبالمحافظة\n' | "$T" --segment=article --json | jq -c '.parts | map([.start, .end, .kind, .text])')
expect_eq "--json parts" "$seg" '[[0,6,"stem","قال"]]
[[7,9,"proclitic","و"],[9,11,"proclitic","ب"],[11,15,"proclitic","ال"],[15,27,"stem","محافظة"]]'
# every word's parts, in order and touching, spell the word
"$T" --segment=all --json --types=word "$CORPUS"/*.txt > "$TMP/parts"
expect_eq "parts spell their word" \
  "$(jq -r 'select((.parts | map(.text) | join("")) != .text or .parts[0].start != .start or .parts[-1].end != .end) | .text' "$TMP/parts" | wc -l | tr -d ' ')" "0"
expect_eq "parts touch" \
  "$(jq -r '. as $t | [range(1; .parts | length) | select($t.parts[.].start != $t.parts[. - 1].end)] | length' "$TMP/parts" | sort -u)" "0"
nsplit=$(jq -r 'select(.parts | length > 1) | .text' "$TMP/parts" | wc -l)
[ "$nsplit" -gt 300 ] && ok || bad "only $nsplit segmented words in the corpus"

# Sentences: one per line, never across lines.
expect_eq "--sentences on report 000" "$("$T" --sentences "$F0" | wc -l | tr -d ' ')" "10"
for f in "$CORPUS"/*.txt; do
  ns=$("$T" --sentences "$f" | wc -l) nl=$(grep -c '[^[:space:]]' "$f")
  [ "$ns" -ge "$nl" ] && [ "$ns" -le $((nl * 3)) ] && ok || bad "$(basename "$f"): $ns sentences for $nl lines"
  expect_eq "$(basename "$f"): sentences re-joined are the text" \
    "$("$T" --sentences "$f" | tr -d ' \t\r\n' | sed 's/\xc2\xa0//g' | md5sum)" "$(squeeze "$f" | md5sum)"
done
expect_eq "--sentences splits within a line" "$(printf 'هل وصل؟ نعم! وصل.\nثم عاد\n' | "$T" --sentences | tr '\n' '|')" \
  "هل وصل؟|نعم!|وصل.|ثم عاد|"
expect_eq "--sentences=tokens" "$(printf 'وقال: نعم. ثم (عاد)\n' | "$T" --sentences=tokens --segment --no-punct | tr '\n' '|')" \
  "و+ قال نعم|ثم عاد|"
expect_eq "--sentences --json" "$(printf 'أ. ب\nقال د. محمد\n' | "$T" --sentences --json | jq -c '[.line, .start, .end, .text]' | tr '\n' ' ')" \
  '[1,0,6,"أ. ب"] [2,0,19,"قال د. محمد"] '
expect_eq "--sentences=tokens --json" "$(printf 'قال: نعم\n' | "$T" --sentences=tokens --json | jq -c '[.tokens[].start]')" "[0,6,8]"
expect_status "--sentences with --types" 2 "$T" --sentences --types=word "$F0"
expect_status "bad --sentences value" 2 "$T" --sentences=paragraphs "$F0"

# Type filters.
"$T" --types=word "$CORPUS"/*.txt > "$TMP/words"
expect_eq "--types=word: only words" "$(grep -c -E '^[0-9]|^[٠١٢٣٤٥٦٧٨٩]|^[A-Za-z]|^[[:punct:]]$|^[،؛؟]$' "$TMP/words")" "0"
expect_eq "--types=word,number" "$(printf 'في 2021، قال: G20\n' | "$T" --types=word,number | tr '\n' ' ')" "في 2021 قال "
expect_eq "--no-punct" "$(printf 'في 2021، قال: G20\n' | "$T" --no-punct | tr '\n' ' ')" "في 2021 قال G20 "
expect_eq "--types=url,latin" "$(printf 'راجع www.x.iq أو CNN.\n' | "$T" --types=url,latin | tr '\n' ' ')" "www.x.iq CNN "
expect_status "nothing of that type: exit 1" 1 "$T" --types=url "$F0"
expect_status "bad type" 2 "$T" --types=word,verb "$F0"
# The README's frequency pipeline: words counted like grep -w counts them.
top=$("$T" --types=word "$CORPUS"/*.txt | "$N" --profile search | sort | uniq -c | sort -rn | head -10)
expect_match "frequency: في first" '^ *69 في$' "$(printf '%s\n' "$top" | head -1)"
expect_match "frequency: الكاظمي counted" '^ *23 الكاظمي$' "$top"
expect_match "frequency: داعش counted" '^ *39 داعش$' "$top"
expect_eq "frequency: مخمور as grep -ow counts it" \
  "$("$T" --types=word "$CORPUS"/*.txt | grep -cx 'مخمور')" "$(grep -ow 'مخمور' "$CORPUS"/*.txt | wc -l | tr -d ' ')"

# Odd input: invalid UTF-8, NUL, CRLF, no final newline, empty file.
printf 'أ\xff\xfeب\x00ج\r\nد' > "$TMP/odd"
"$T" "$TMP/odd" > "$TMP/odd.out"; st=$?
expect_eq "odd bytes: exit" "$st" "0"
expect_eq "odd bytes: tokens keep the bytes" "$(od -An -tx1 "$TMP/odd.out" | tr -d ' \n')" "d8a30afffe0ad8a80a000ad8ac0ad8af0a"
expect_eq "odd bytes: json text" "$("$T" --json "$TMP/odd" | jq -c '[.line, .start, .end, .type, .text]' | tr '\n' ' ')" \
  '[1,0,2,"word","أ"] [1,2,4,"other","��"] [1,4,6,"word","ب"] [1,6,7,"other","\u0000"] [1,7,9,"word","ج"] [2,0,2,"word","د"] '
expect_eq "odd bytes: json offsets" "$(head -1 "$TMP/odd" | tail -c +3 | head -c 2 | od -An -tx1 | tr -d ' \n')" "fffe"
expect_eq "no final newline: last token" "$(printf 'a b' | "$T" | od -An -c | tr -s ' ')" " a \n b \n"
: > "$TMP/empty"
"$T" "$TMP/empty" > "$TMP/empty.out"; st=$?
expect_eq "empty file: exit 1" "$st" "1"
expect_eq "empty file: no output" "$(wc -c < "$TMP/empty.out" | tr -d ' ')" "0"
expect_status "blank lines only: exit 1" 1 sh -c "printf ' \n\t\n' | '$T'"

# Encodings and HTML come through the input layer.
uconv -f utf-8 -t windows-1256 --callback skip "$F0" > "$TMP/r.cp1256"
expect_eq "--encoding windows-1256" "$("$T" --encoding windows-1256 "$TMP/r.cp1256" | md5sum)" \
  "$(uconv -f windows-1256 -t utf-8 "$TMP/r.cp1256" | "$T" | md5sum)"
printf '<html><body><p>وقال الكاظمي</p><script>var x="لا";</script><p>في بغداد.</p></body></html>\n' > "$TMP/r.html"
expect_eq "--html" "$("$T" --html "$TMP/r.html" | tr '\n' ' ')" "وقال الكاظمي في بغداد . "

# A single 50 MB line made from a report: its tokens are the report's, repeated.
tr '\n' ' ' < "$F0" > "$TMP/piece"
printf ' ' >> "$TMP/piece"
cp "$TMP/piece" "$TMP/one"
reps=1
while [ "$(stat -c %s "$TMP/one")" -lt 50000000 ]; do
  cat "$TMP/one" "$TMP/one" > "$TMP/one.2"; mv "$TMP/one.2" "$TMP/one"; reps=$((reps * 2))
done
printf '\n' >> "$TMP/one"
per=$("$T" "$TMP/piece" | wc -l)
got=$("$T" "$TMP/one" | wc -l); st=${PIPESTATUS[0]}
expect_eq "50 MB line: exit" "$st" "0"
expect_eq "50 MB line: tokens" "$got" "$((per * reps))"
expect_eq "50 MB line: sentences" "$("$T" --sentences "$TMP/one" | wc -l)" "$(($("$T" --sentences "$TMP/piece" | wc -l) * reps))"
rm -f "$TMP/one" "$TMP/one.2" "$TMP/piece"

# Errors, closed pipes, --help/--version: the checks every command shares.
expect_unix "$T" "$F0"
finish
