#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every command under valgrind over the reports, in each output mode and
# through the decoding layer (CP1256, UTF-16, HTML): no error, no definite
# leak. Run by .ci/run after the unit tests' memcheck:
#   bash tests/valgrind/commands.sh BUILD_DIR
set -u
bin=${1:?usage: commands.sh BUILD_DIR}/cmd
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
c=$src/corpus
r0=$c/000_4d9058f67ed09ede.txt
uconv -f utf-8 -t windows-1256 --callback skip "$r0" > "$tmp/cp1256.txt"
{ printf '\xff\xfe'; uconv -f utf-8 -t utf-16le "$r0"; } > "$tmp/utf16.txt"
{ echo '<!DOCTYPE html><html><body><script>x</script>'; sed 's|.*|<p>&</p>|' "$r0"; echo '</body></html>'; } > "$tmp/page.html"
printf 'أ\xff\x00ب 8 ديسمبر 2021 الكاظمي\n' > "$tmp/odd.txt"
pass=0 fail=0
run() {
  valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --suppressions="$here/jit.supp" -q "$@" > /dev/null 2> "$tmp/vg.err"
  if [ $? -eq 99 ]; then
    fail=$((fail + 1)); echo "FAIL: valgrind: $*" >&2; head -30 "$tmp/vg.err" >&2
  else
    pass=$((pass + 1))
  fi
}
for f in "$c"/*.txt "$tmp/page.html" "$tmp/utf16.txt" "$tmp/odd.txt"; do
  run "$bin/ar-norm" "$f"
  run "$bin/ar-tok" --segment=all "$f"
  run "$bin/ar-grep" -n -w الكاظمي "$f"
  run "$bin/ar-dates" "$f"
  run "$bin/ar-entities" "$f"
done
run "$bin/ar-norm" --json --translit buckwalter "$r0"
run "$bin/ar-tok" --json --sentences=tokens "$r0"
run "$bin/ar-grep" --json -f "$r0" "$c"/001_f52aea2b1973677a.txt
run "$bin/ar-grep" --encoding=auto -c -r البيشمركة "$tmp" "$c"
run "$bin/ar-dates" --json --encoding=windows-1256 "$tmp/cp1256.txt"
run "$bin/ar-dates" --timeml "$r0"
run "$bin/ar-dates" --replace --annotate "$r0"
run "$bin/ar-entities" --xml "$r0"
run "$bin/ar-entities" --conll --encoding=auto "$tmp/cp1256.txt"
run "$bin/ar-entities" --count -H "$c"/*.txt
run "$bin/ar-entities" --no-model --json "$c"/*.txt
run "$bin/ar-entities" --model "$src/lib/data/ner/artext-ner.model" --json "$r0"
run "$bin/ar-entities" --model "$tmp/none.model" "$r0"
head -c 5000 "$src/lib/data/ner/artext-ner.model" > "$tmp/trunc.model"
run "$bin/ar-entities" --model "$tmp/trunc.model" "$r0"
head -n 3000 "$src/lib/data/ner/aqmar.conll" > "$tmp/small.conll"
run "${bin%/cmd}/tools/ar-ner-train" -q -e 2 -b 14 --dev 0.5 -o "$tmp/small.model" --doc-output "$tmp/small-doc.model" \
  --doc-bits 12 "$tmp/small.conll"
run "$bin/ar-entities" --model "$tmp/small.model" "$r0"
run "$bin/ar-entities" --model "$tmp/small.model" --doc-model "$tmp/small-doc.model" --json "$r0"
run "$bin/ar-entities" --no-doc --count "$c"/*.txt
run "${bin%/cmd}/tools/ar-ner-train" -q --doc --eval "$tmp/small.conll"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
