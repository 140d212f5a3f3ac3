#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ar-entities end to end: every output mode over corpus/, the score floors,
# user gazetteers, bad input and a 50 MB line.
. "$(dirname "$0")/lib.sh"
E="$BIN/ar-entities"
cd "$SRC" || exit 2
F0=corpus/000_4d9058f67ed09ede.txt

out=$("$E" "$F0")
expect_status "found: exit 0" 0 "$E" "$F0"
expect_match "default format" "^$F0:1: PER	مصطفى الكاظمي	مصطفى الكاظمي$" "$out"
expect_match "canonical via coreference" "^$F0:9: PER	رسول	يحيى رسول$" "$out"
expect_match "alias gets canonical" "^$F0:1: ORG	تنظيم الدولة الإسلامية	داعش$" "$out"
expect_eq "stdin like a file" "$("$E" < "$F0" | sed 's/^[^:]*://')" "$(printf '%s\n' "$out" | sed 's/^[^:]*://')"

# JSON: the span is the text in the original line
"$E" --json corpus/*.txt > "$TMP/all.json"
expect_status "json parses" 0 jq -e . "$TMP/all.json"
bad=$(python3 - "$TMP/all.json" <<'PY'
import json, sys
n = 0
for l in open(sys.argv[1], encoding='utf-8'):
    j = json.loads(l)
    line = open(j['file'], 'rb').read().split(b'\n')[j['line'] - 1]
    if line[j['start']:j['end']].decode() != j['text'] or not j['rule'] or j['type'] not in ('PER', 'LOC', 'ORG', 'MISC'):
        n += 1
print(n)
PY
)
expect_eq "json spans point at the text" "$bad" "0"
expect_match "json rule" '"rule":"coref"' "$(cat "$TMP/all.json")"

# the corpus score floor (measured 1.000/0.996 on the hand-checked gold) and the held-out one
score=$(python3 tests/score_entities.py tests/gold/entities_corpus.tsv "$TMP/all.json" --floor-p 0.97 --floor-r 0.95)
expect_status "corpus score above the floor" 0 python3 tests/score_entities.py tests/gold/entities_corpus.tsv "$TMP/all.json" --floor-p 0.97 --floor-r 0.95
printf '%s\n' "$score" >&2
(cd tests/gold/heldout && "$E" --json *.txt) > "$TMP/ho.json"
expect_status "held-out score above its floor" 0 python3 tests/score_entities.py tests/gold/heldout/gold.tsv "$TMP/ho.json" --floor-f 0.80
(cd tests/gold/heldout && "$E" --no-model --json *.txt) > "$TMP/ho-rules.json"
expect_status "held-out, --no-model, above its floor" 0 python3 tests/score_entities.py tests/gold/heldout/gold.tsv "$TMP/ho-rules.json" --floor-f 0.75
"$E" --no-model --json corpus/*.txt > "$TMP/all-rules.json"
expect_status "corpus, --no-model, above the floor" 0 python3 tests/score_entities.py tests/gold/entities_corpus.tsv "$TMP/all-rules.json" --floor-p 0.97 --floor-r 0.95

# the unseen reports (written apart from the lists and the model, never
# trained on): the model keeps its floor and beats --no-model
mkdir -p "$TMP/unseen-check" && cp -r tests/gold/unseen/src "$TMP/unseen-check/"
python3 tests/gold/unseen/make.py "$TMP/unseen-check"
expect_status "unseen gold is what make.py writes" 0 cmp "$TMP/unseen-check/gold.tsv" tests/gold/unseen/gold.tsv
(cd tests/gold/unseen && "$E" --json *.txt) > "$TMP/un.json"
(cd tests/gold/unseen && "$E" --no-model --json *.txt) > "$TMP/un-rules.json"
f_model=$(python3 tests/score_entities.py tests/gold/unseen/gold.tsv "$TMP/un.json" | awk '$1 == "ALL" {print $NF}')
f_rules=$(python3 tests/score_entities.py tests/gold/unseen/gold.tsv "$TMP/un-rules.json" | awk '$1 == "ALL" {print $NF}')
printf 'unseen reports: F1 %s with the model, %s without\n' "$f_model" "$f_rules" >&2
expect_status "unseen: model above its floor (measured 0.777)" 0 awk -v f="$f_model" 'BEGIN {exit !(f >= 0.75)}'
expect_status "unseen: model beats --no-model" 0 awk -v a="$f_model" -v b="$f_rules" 'BEGIN {exit !(a > b + 0.05)}'
expect_match "json rule model" '"rule":"model"' "$(cat "$TMP/un.json")"
expect_no_match "--no-model: no model rule" '"rule":"model"' "$(cat "$TMP/un-rules.json")"

# names no list holds, and spans without their clitics
cases=$(printf '%s\n' 'قال وزير الدفاع التركي خلوصي أكار إن بلاده لن تتراجع.' \
  'أعلن المتحدث باسم الخارجية الإيرانية ناصر كنعاني أن طهران ترحب بالحوار.' \
  'وأعلن بنك الكويت الوطني عن أرباحه السنوية.' 'فاز نادي الهلال على منافسه في الرياض.' \
  'رحبت جامعة الدول العربية ومجلس التعاون الخليجي بالاتفاق.' 'وصلت المساعدات إلى ولاية كسلا في شرق السودان.' \
  'وقال المدرب إن اللاعب كريستيانو رونالدو ولوكا مودريتش سيشاركان.' | "$E" --json | jq -r '[.type, .text] | @tsv')
for want in 'PER	خلوصي أكار' 'PER	ناصر كنعاني' 'ORG	الخارجية الإيرانية' 'ORG	بنك الكويت الوطني' 'ORG	نادي الهلال' \
  'ORG	جامعة الدول العربية' 'ORG	مجلس التعاون الخليجي' 'LOC	كسلا' 'PER	لوكا مودريتش'; do
  expect_match "case: $want" "^$want\$" "$cases"
done
expect_no_match "no span starts with its clitic" "^PER	ولوكا" "$cases"

# --types, --count, -H
types=$("$E" --types PER corpus/*.txt | cut -f1 | sed 's/.* //' | sort -u)
expect_eq "--types PER" "$types" "PER"
expect_status "--types bad" 2 "$E" --types PERSON "$F0"
cnt=$("$E" --count corpus/*.txt)
expect_match "--count: most frequent first" "^[0-9]+	ORG	داعش$" "$(printf '%s\n' "$cnt" | head -1)"
expect_match "--count -H per file" "^corpus/003_6632ca06fe799778.txt:[0-9]+	ORG	البيشمركة$" "$("$E" --count -H corpus/*.txt)"
total=$("$E" --count corpus/*.txt | awk -F'\t' '{s += $1} END {print s}')
expect_eq "--count sums to the mentions" "$total" "$("$E" corpus/*.txt | wc -l)"

# --xml: well-formed, one ENAMEX per mention, text kept
"$E" --xml corpus/*.txt > "$TMP/out.xml"
expect_status "xml well-formed" 0 xmllint --noout "$TMP/out.xml"
expect_eq "xml ENAMEX count" "$(grep -o '<ENAMEX ' "$TMP/out.xml" | wc -l)" "$("$E" corpus/*.txt | wc -l)"
expect_match "xml element" '<ENAMEX TYPE="PER" CANONICAL="مصطفى الكاظمي">مصطفى الكاظمي</ENAMEX>' "$(cat "$TMP/out.xml")"

# --conll: a token per line, BIO tags, a blank line per input line
"$E" --conll "$F0" > "$TMP/out.conll"
expect_match "conll B-PER I-PER" "مصطفى	B-PER" "$(cat "$TMP/out.conll")"
expect_match "conll I-PER" "الكاظمي	I-PER" "$(cat "$TMP/out.conll")"
expect_match "conll O" "أكد	O" "$(cat "$TMP/out.conll")"
expect_eq "conll blank lines" "$(grep -c '^$' "$TMP/out.conll")" "$(awk 'END {print NR}' "$F0")"

# user gazetteer: adds and overrides; malformed -> file:line, exit 2
printf '# watch list\nمخمور\tORG\tمعسكر مخمور\nهوزان زبير\tPER\tهوزان زبير\tزبير\n' > "$TMP/watch.tsv"
expect_match "user gazetteer overrides" "ORG	مخمور	معسكر مخمور" "$("$E" --gazetteer "$TMP/watch.tsv" "$F0")"
printf 'مخمور\tLOC\tمخمور\n\nفلان\tPERSON\tفلان\n' > "$TMP/bad.tsv"
err=$("$E" --gazetteer "$TMP/bad.tsv" "$F0" 2>&1 >/dev/null)
expect_status "malformed gazetteer: exit 2" 2 "$E" --gazetteer "$TMP/bad.tsv" "$F0"
expect_match "malformed gazetteer: file and line" "^ar-entities: $TMP/bad.tsv:3: unknown type 'PERSON'" "$err"
expect_status "missing gazetteer: exit 2" 2 "$E" --gazetteer "$TMP/none.tsv" "$F0"

# bad input
: > "$TMP/empty.txt"
expect_status "empty input: exit 1" 1 "$E" "$TMP/empty.txt"
expect_eq "empty input: no output" "$("$E" "$TMP/empty.txt")" ""
printf 'وصل \xff\xfe الكاظمي إلى مخمور\n' > "$TMP/bad.txt"
expect_status "invalid UTF-8: still found" 0 "$E" "$TMP/bad.txt"
expect_match "invalid UTF-8: warned" "invalid UTF-8" "$("$E" "$TMP/bad.txt" 2>&1 >/dev/null)"
expect_match "invalid UTF-8: entity" "PER	الكاظمي" "$("$E" "$TMP/bad.txt" 2>/dev/null)"
expect_status "xml with invalid UTF-8 well-formed" 0 sh -c "'$E' --xml '$TMP/bad.txt' 2>/dev/null | xmllint --noout -"
expect_status "no such file: exit 2" 2 "$E" "$TMP/none.txt"
expect_match "--help lists --gazetteer" "--gazetteer" "$("$E" --help)"

# a 10 MB line (160 times the tagger's 64 KiB piece): each repetition
# counted by the model; e2e_long_line runs the tagger on 50 MB for memory
python3 -c "
import sys
u = 'زار الكاظمي قضاء مخمور شرق أربيل. '.encode()
n = 10 * 1024 * 1024 // len(u)
sys.stdout.buffer.write(u * n + b'\n')
print(n, file=sys.stderr)" > "$TMP/big.txt" 2> "$TMP/big.n"
n=$(cat "$TMP/big.n")
got=$("$E" --count "$TMP/big.txt" | awk -F'\t' '{s += $1} END {print s}')
expect_eq "10 MB line" "$got" "$((3 * n))"
# The whole recognizer (tagger, lists, rules, co-reference) on AQMAR, Arabic
# Wikipedia it was never trained on: a floor under the measured 0.537
# PER+LOC+ORG F1 (0.467 before co-reference learned to defer to the tagger)
aq=$(python3 tools/score_pipeline.py lib/data/ner/aqmar.conll -- "$E" | awk '/^micro/ {print $NF}')
printf 'AQMAR, ar-entities as a whole: F1 %s\n' "$aq" >&2
expect_status "AQMAR: ar-entities above its floor" 0 awk -v f="$aq" 'BEGIN {exit !(f >= 0.52)}'
# The document pass (blocks of 32 lines, each line tagged again with what
# the first pass found in the others) against each line alone: measured
# 0.552 against 0.537 there
aq1=$(python3 tools/score_pipeline.py lib/data/ner/aqmar.conll -- "$E" --no-doc | awk '/^micro/ {print $NF}')
printf 'AQMAR, --no-doc: F1 %s\n' "$aq1" >&2
expect_status "AQMAR: the document pass adds" 0 awk -v a="$aq" -v b="$aq1" 'BEGIN {exit !(a >= b + 0.005)}'
# blocks never lose or reorder a line: 100 lines (three blocks and a part),
# the same names and lines with and without the pass where the lists decide
seq 1 20 | while read -r _; do cat "$F0"; done | head -100 > "$TMP/hundred.txt"
expect_eq "100 lines: conll blank lines" "$("$E" --conll "$TMP/hundred.txt" | grep -c '^$')" 100
expect_eq "100 lines: with and without the document pass" "$("$E" "$TMP/hundred.txt" | md5sum)" \
  "$("$E" --no-doc "$TMP/hundred.txt" | md5sum)"
expect_eq "100 lines: the last line's names" "$("$E" "$TMP/hundred.txt" | tail -1 | cut -d: -f2)" \
  "$(awk 'END {print NR}' "$TMP/hundred.txt")"
# Errors, closed pipes, --help/--version: the checks every command shares.
expect_unix "$E" "$F0"
finish
