#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The ar-dates benchmark: ar-dates over a large input built from corpus/ by
# bench/mkinput.sh, and Python's dateparser (search_dates, languages=['ar'],
# line by line, the way it is used to find dates in text) over a slice of
# the same input in the same run; MB/s of each and the ratio.
#
#   bash bench/dates.sh [SIZE_MB] [RUNS] [SLICE_KB]   (defaults: 200 MB, 3 runs, 100 KB)
#
# Environment: AR_DATES (the binary; default build/cmd/ar-dates), BENCH_DIR
# (where the input is built; default /tmp), PYTHON (default /usr/bin/python3).
# ar-dates runs with --ref so that every line is resolved at once, output to
# /dev/null (default output format; also --json). dateparser is slow (well
# under 1 MB/s), so it reads only the first SLICE_KB kilobytes, cut at a line
# end; its MB/s is measured on that slice, inside Python, import excluded.
# The scanner alone (bench/lib/dates_speed.c, the input in memory, no
# output) is reported too when AR_DATES's build directory can make it.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
size=${1:-200}
runs=${2:-3}
slice_kb=${3:-100}
AD=${AR_DATES:-$root/build/cmd/ar-dates}
PY=${PYTHON:-/usr/bin/python3}
dir=${BENCH_DIR:-/tmp}
[ -x "$AD" ] || { echo "dates.sh: no ar-dates at $AD (set AR_DATES)" >&2; exit 2; }
input=$dir/artext-bench-$size.txt
bash "$here/mkinput.sh" "$size" "$input" || exit 2
bytes=$(stat -c %s "$input")

# median wall time of RUNS runs of "$@", in seconds
median() {
  local t=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  printf '%s\n' "${t[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
mbs() { echo "scale=1; $1 / 1000000 / $2" | bc -l; }

echo "input: $input ($bytes bytes, corpus/ repeated)"
found=$("$AD" --ref 2021-12-08 "$input" | wc -l)
echo "ar-dates finds $found dates in it"
t_list=$(median "$AD" --ref 2021-12-08 "$input")
t_json=$(median "$AD" --ref 2021-12-08 --json "$input")
ad_list=$(mbs "$bytes" "$t_list")
ad_json=$(mbs "$bytes" "$t_json")
printf '%-40s %8.3f s  %8s MB/s\n' "ar-dates (list)" "$t_list" "$ad_list"
printf '%-40s %8.3f s  %8s MB/s\n' "ar-dates --json" "$t_json" "$ad_json"
# the scanner alone, in memory (bench/lib/dates_speed.c), when the binary's
# build directory can make it: what reading and printing add
bdir=$(dirname "$(dirname "$AD")")
if [ -f "$bdir/Makefile" ] && make -C "$bdir" dates_speed >/dev/null 2>&1; then
  read -r t_lib _ lib_mbs _ nlib _ < <("$bdir/dates_speed" "$input" "$runs")
  printf '%-40s %8.3f s  %8s MB/s  (%s dates)\n' "ar_dates_scan, library alone" "$t_lib" "$lib_mbs" "$nlib"
fi

if "$PY" -c 'import dateparser' 2>/dev/null; then
  slice=$dir/artext-bench-dates-slice.txt
  head -c $((slice_kb * 1000)) "$input" | sed '$d' > "$slice"
  sbytes=$(stat -c %s "$slice")
  res=$("$PY" - "$slice" <<'PYEOF'
import sys, time, warnings
warnings.filterwarnings("ignore")
from dateparser.search import search_dates
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
search_dates("بغداد 8 ديسمبر 2021", languages=["ar"])  # load the language data first
t = time.perf_counter()
n = 0
for line in lines:
    r = search_dates(line, languages=["ar"])
    n += len(r or [])
print(f"{time.perf_counter() - t:.3f} {n}")
PYEOF
)
  dt=${res% *}
  dn=${res#* }
  dp=$(echo "scale=3; $sbytes / 1000000 / $dt" | bc -l)
  printf '%-40s %8.3f s  %8s MB/s  (%d bytes, %s dates)\n' "dateparser search_dates (slice)" "$dt" "$dp" "$sbytes" "$dn"
  echo "ratio ar-dates / dateparser: $(echo "scale=0; $ad_list / $dp" | bc -l)x"
else
  echo "dateparser not installed (apt-get install python3-dateparser)"
fi
