#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ar-grep -r over 100,000 small files in 100 directories: every file is
# searched, with 32 file descriptors at most (ulimit -n 32, so one left open
# per file would fail) and bounded memory (peak resident set under 200 MB;
# about 30 MB measured).
. "$(dirname "$0")/lib.sh"
G=$BIN/ar-grep
# 100,000 creates take 15 s or more on a disk file system and 2 s in memory:
# the tree goes to /dev/shm when it has a gigabyte free (tmpfs takes a page
# per file), else under TMP.
top=$TMP
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt 1048576 ]; then
  top=$(mktemp -d -p /dev/shm artext-many.XXXXXX) || top=$TMP
fi
trap 'rm -rf "$top/many"; [ "$top" = "$TMP" ] || rmdir "$top" 2>/dev/null' EXIT
python3 - "$top/many" <<'PY'
import os, sys
base = sys.argv[1]
for d in range(100):
    os.makedirs(f'{base}/d{d:03d}', exist_ok=True)
    for i in range(1000):
        with open(f'{base}/d{d:03d}/r{i:04d}.txt', 'w', encoding='utf-8') as f:
            f.write('زار الكاظمي مخمور\n' if i % 10 == 0 else 'سطر آخر\n')
PY
for j in 1 2; do
  out=$( (ulimit -n 32; /usr/bin/time -f '%M' -o "$TMP/rss" "$G" -j$j -r -l الكاظمي "$top/many") | wc -l)
  expect_eq "-j$j: every file with the name listed" "$out" "10000"
  rss=$(tail -1 "$TMP/rss")
  printf '%s\n' "-r over 100,000 files, -j$j: peak RSS ${rss} KB" >&2
  expect_status "-j$j: peak memory under 200 MB ($rss KB)" 0 test "$rss" -lt 200000
done
expect_eq "-c over the tree adds up" "$( (ulimit -n 32; "$G" -r -c مخمور "$top/many") | awk -F: '{s += $NF} END {print s}')" "10000"
finish
