#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A long libFuzzer run of every target (default one hour each), keeping
# what it learns: new inputs that add coverage are merged into
# fuzz/corpus/<target>/ (minimised with -merge=1), and a crash, leak or
# timeout is copied there as regress-<target>-<hash> so that ctest replays
# it from then on (fix the bug first). Needs clang and libclang-rt-dev.
#   bash fuzz/run-long.sh [SECONDS_PER_TARGET] [TARGET...]
# Environment: JOBS (targets run at once; default the number of cores).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=${1:-3600}
shift || true
build=$root/build-fuzz
if [ ! -d "$build" ]; then
  CC=clang cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DARTEXT_FUZZ=ON -DARTEXT_SANITIZE=ON \
    -DARTEXT_TESTS=OFF >/dev/null || exit 2
fi
cmake --build "$build" -j"$(nproc)" >/dev/null || exit 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz/fuzz_*; do
    case "$f" in *_replay) continue ;; esac
    [ -x "$f" ] && targets+=("$(basename "$f")")
  done
fi
run_one() {
  local name=$1 short=${1#fuzz_} work
  work=$(mktemp -d)
  mkdir -p "$here/corpus/$short"
  (cd "$work" && "$build/fuzz/$name" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
     -print_final_stats=1 "$work" "$here/corpus/$short" > "$work/log" 2>&1)
  local st=$?
  for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$a" ] || continue
    cp "$a" "$here/corpus/$short/regress-$short-$(sha1sum "$a" | cut -c1-12)"
    echo "$name: FOUND $(basename "$a") (kept in fuzz/corpus/$short)"
  done
  "$build/fuzz/$name" -merge=1 "$here/corpus/$short" "$work" >/dev/null 2>&1
  echo "$name: exit $st, $(grep -E '^#[0-9]+' "$work/log" | tail -1 | awk '{print $1, $3, $4, $5, $6}')," \
    "corpus $(ls "$here/corpus/$short" | wc -l) inputs"
  rm -rf "$work"
}
export -f run_one
export build here secs
printf '%s\n' "${targets[@]}" | xargs -P "${JOBS:-$(nproc)}" -I{} bash -c 'run_one {}'
# Inputs that picked up a path of this machine (from strings in the binary)
# are not kept: the corpus is committed.
grep -l -a -E "$root|$HOME" "$here"/corpus/*/* 2>/dev/null | xargs -r rm -f
