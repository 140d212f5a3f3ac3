#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What dateparser (search_dates, languages=['ar'], RELATIVE_BASE = the
# reference) and ar-dates find in each report of corpus/, side by side:
#
#   bash bench/dates_compare.sh [OUT]     (default: standard output)
#
# One block per file; lines "file:line  dateparser: text -> value | ..."
# and "           ar-dates:  text -> value | ...", only for lines where
# either tool found something. References as in tests/gold/dates_corpus.tsv.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
AD=${AR_DATES:-$root/build/cmd/ar-dates}
PY=${PYTHON:-/usr/bin/python3}
out=${1:-/dev/stdout}
ref_for() { case $1 in 003_*) echo 2021-12-03;; *) echo 2021-12-08;; esac; }
{
for f in "$root"/corpus/*.txt; do
  b=$(basename "$f")
  ref=$(ref_for "$b")
  echo "== $b (reference $ref)"
  "$AD" --ref "$ref" --json "$f" | jq -r '[.line, .text, .value + (if .mod then "/" + .mod else "" end)] | @tsv' > /tmp/ad.$$
  "$PY" - "$f" "$ref" /tmp/ad.$$ <<'PYEOF'
import sys, warnings, datetime
warnings.filterwarnings("ignore")
from dateparser.search import search_dates
path, ref, adpath = sys.argv[1:4]
base = datetime.datetime.fromisoformat(ref)
ad = {}
for row in open(adpath, encoding="utf-8"):
    ln, text, value = row.rstrip("\n").split("\t")
    ad.setdefault(int(ln), []).append(f"{text} -> {value}")
for no, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
    r = search_dates(line, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    dp = [f"{t} -> {d.date().isoformat()}" for t, d in r]
    if dp or no in ad:
        print(f"{no:>3}  dateparser: {' | '.join(dp) or '-'}")
        print(f"     ar-dates:   {' | '.join(ad.get(no, [])) or '-'}")
PYEOF
done
} > "$out"
rm -f /tmp/ad.$$
