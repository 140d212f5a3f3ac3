#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fault injection over every command: with tests/fault/shim.c preloaded,
# the Nth call of read, open or malloc fails (write and mmap too where the
# program makes such calls itself). Each run must end in one of two ways:
#  - as if nothing happened: the same output and exit status as a clean run;
#  - exit status 2 with a "prog: ...: message" line on stderr;
# never a crash, a hang (20 s), or an exit 0/1 with output that differs.
# N goes over every call up to 60, then 40 points spread up to the last call
# a clean run makes, and the last 5 (FAULT_DENSE=1: every call up to 300,
# 150 spread points and the last 20, about three times as many runs).
#   bash tests/fault/run.sh SHIM BIN SRC TMP
set -u
shim=$1 bin=$2 src=$3 tmp=$4
rm -rf "$tmp" && mkdir -p "$tmp"
cd "$src" || exit 2
f=corpus/000_4d9058f67ed09ede.txt
pass=0 fail=0 runs=0
# a watch list of names, and the report in windows-1256
printf '%s\n' الكاظمي مخمور أربيل بغداد داعش "رئيس الوزراء" > "$tmp/watch.txt"
iconv -f UTF-8 -t WINDOWS-1256 "$f" > "$tmp/cp.txt" || exit 2
# Each run costs three execs (timeout, env, the command) and at most one
# more (cmp); the checks are bash builtins, since most of the time here is
# process start-up, not the commands' work.
has_message() { # file: a "prog: ...: message" line in it?
  local line
  while IFS= read -r line; do
    [[ $line =~ ^ar-[a-z-]+:\ .+ ]] && return 0
  done < "$1"
  return 1
}
check() { # name N status expected-status expected-out-file
  local name=$1 n=$2 st=$3 want_st=$4 want_out=$5
  runs=$((runs + 1))
  if [ "$st" -ge 124 ]; then
    fail=$((fail + 1)); echo "FAIL: $name N=$n: status $st (crash or hang)" >&2; return
  fi
  if [ "$st" -eq 2 ]; then
    if has_message "$tmp/err"; then pass=$((pass + 1)); else
      fail=$((fail + 1)); echo "FAIL: $name N=$n: exit 2 without a message" >&2; fi
    return
  fi
  if [ "$st" -eq "$want_st" ] && cmp -s "$tmp/out" "$want_out"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $name N=$n: exit $st, output differs from a clean run (silent loss)" >&2
  fi
}
if [ -n "${FAULT_DENSE:-}" ]; then head=300 spread=150 tail=20; else head=60 spread=40 tail=5; fi
points() { # count: the N to try
  local c=$1
  seq 1 $((c < head ? c : head))
  if [ "$c" -gt "$head" ]; then
    awk -v c="$c" -v h="$head" -v k="$spread" 'BEGIN { for (i = 1; i <= k; i++) print h + int((c - h) * i / (k + 1)) }'
    seq $((c > head + tail ? c - tail + 1 : head + 1)) "$c"
  fi
}
while IFS='|' read -r name cmd; do
  [ -n "$name" ] || continue
  # a clean run: the expected output and the number of calls of each function
  $cmd > "$tmp/$name.out" 2>/dev/null < /dev/null; base=$?
  for fn in read write open mmap malloc; do
    # ICU 72 itself crashes when an allocation fails while it builds its
    # date-format cache (UnifiedCache, uhash_count on a half-made table), in
    # ar-dates' start-up; until that is guarded, ar-dates gets no malloc faults
    [ "$name:$fn" = "dates:malloc" ] && [ -z "${FAULT_ICU:-}" ] && continue
    rm -f "$tmp/count"
    env FAULT_FUNC=$fn FAULT_N=0 FAULT_REPORT="$tmp/count" LD_PRELOAD="$shim" $cmd >/dev/null 2>&1 < /dev/null
    c=$(cat "$tmp/count" 2>/dev/null || echo 0)
    [ "$c" -gt 0 ] || continue
    for n in $(points "$c" | sort -nu); do
      timeout 20 env FAULT_FUNC=$fn FAULT_N=$n LD_PRELOAD="$shim" $cmd > "$tmp/out" 2> "$tmp/err" < /dev/null
      check "$name $fn" "$n" $? "$base" "$tmp/$name.out"
    done
  done
done <<EOF2
norm|$bin/ar-norm --profile search $f
tok|$bin/ar-tok --json $f
grep|$bin/ar-grep -n -w مخمور $f corpus/001_f52aea2b1973677a.txt
grepf|$bin/ar-grep -c -F -f $tmp/watch.txt $f corpus/001_f52aea2b1973677a.txt
dates|$bin/ar-dates --ref 2021-12-08 --json $f
entities|$bin/ar-entities --count $f
rules|$bin/ar-entities --no-model --json $f
cp1256|$bin/ar-grep --encoding=windows-1256 -c الكاظمي $tmp/cp.txt
EOF2
echo "$runs runs with a fault injected"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
