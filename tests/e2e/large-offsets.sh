#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Offsets past 4 GiB: a sparse file of 5 GiB (holes, with a line feed every
# 64 MiB so that no line is huge) and text after its 5th GiB; ar-grep's -b,
# -o -b and --json offsets and line numbers must be exact. (Three reads of
# 5 GiB: each check is a different printing path.) Skipped, with a
# message, where the file system cannot hold such a file.
. "$(dirname "$0")/lib.sh"
G=$BIN/ar-grep
big=$TMP/sparse.txt
if ! python3 - "$big" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
step = 64 << 20
for off in range(step - 1, 5 << 30, step):
    os.pwrite(fd, b'\n', off)
os.pwrite(fd, 'زار الكاظمي مخمور\n'.encode(), (5 << 30) + 100)
os.close(fd)
PY
then
  echo "skipped: this file system cannot hold a sparse 5 GiB file" >&2
  rm -f "$big"
  echo "0 passed, 0 failed"
  exit 0
fi
line_start=$((5 << 30)) at=$(((5 << 30) + 100 + 7))
expect_eq "-b: the line's offset" "$("$G" -a -b الكاظمي "$big" | cut -d: -f1)" "$line_start"
expect_eq "-o -b: the match's offset" "$("$G" -a -o -b الكاظمي "$big")" "$at:الكاظمي"
expect_eq "--json: offsets and line number" "$("$G" -a --json الكاظمي "$big" | jq -c '[.offset, .abs_start, .abs_end, .line_number, .start]')" \
  "[$line_start,$at,$((at + 14)),81,107]"
rm -f "$big"
finish
