# SPDX-License-Identifier: MIT
# Sourced by the end-to-end scripts. BIN, SRC and TMP come from ctest.
set -u
: "${BIN:?}" "${SRC:?}" "${TMP:?}"
rm -rf "$TMP" && mkdir -p "$TMP"
CORPUS="$SRC/corpus"
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL: %s\n' "$*" >&2; }

# expect_eq NAME GOT WANT
expect_eq() {
  if [ "$2" == "$3" ]; then ok; else bad "$1"; printf '  got:  %s\n  want: %s\n' "$2" "$3" >&2; fi
}
# expect_status NAME WANT COMMAND...: runs the command, compares $?
expect_status() {
  local name=$1 want=$2; shift 2
  "$@" >/dev/null 2>&1; local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, want $want"; fi
}
# expect_match NAME REGEX TEXT
expect_match() {
  if printf '%s' "$3" | grep -Eq -- "$2"; then ok; else bad "$1: /$2/ not in: $3"; fi
}
# expect_no_match NAME REGEX TEXT
expect_no_match() {
  if printf '%s' "$3" | grep -Eq -- "$2"; then bad "$1: /$2/ unexpectedly in: $3"; else ok; fi
}
finish() {
  printf '%d passed, %d failed\n' "$pass" "$fail"
  [ "$fail" -eq 0 ]
}

# expect_unix CMD FILE [ARG...]: what every command owes its users, checked
# the same way for each: a missing file is reported as "prog: path: ..."
# with exit 2 while FILE (after it) is still processed as when alone; a
# full disk is a write error with exit 2; a reader that stops early (| head)
# leaves nothing on stderr; --help exits 0, --version names the program and
# artext, an unknown option exits 2. ARGs go before the files (a pattern).
expect_unix() {
  local cmd=$1 file=$2; shift 2
  local prog st
  prog=$(basename "$cmd")
  "$cmd" "$@" "$file" > "$TMP/unix.alone" 2> /dev/null
  "$cmd" "$@" "$TMP/missing" "$file" > "$TMP/unix.out" 2> "$TMP/unix.err"; st=$?
  expect_eq "$prog: missing file: exit" "$st" "2"
  expect_match "$prog: missing file: message" "^$prog: $TMP/missing: No such file" "$(cat "$TMP/unix.err")"
  # Names of files in the output differ when there are two; compare the rest.
  expect_eq "$prog: missing file: the other file still done" \
    "$(sed "s|^$file[:-]||" "$TMP/unix.out" | md5sum)" "$(sed "s|^$file[:-]||" "$TMP/unix.alone" | md5sum)"
  if [ -w /dev/full ]; then
    "$cmd" "$@" "$file" > /dev/full 2> "$TMP/unix.err"; st=$?
    expect_eq "$prog: /dev/full: exit" "$st" "2"
    expect_match "$prog: /dev/full: message" "^$prog: write error" "$(cat "$TMP/unix.err")"
  fi
  for _ in 1 2 3 4 5 6 7 8; do cat "$CORPUS"/*.txt; done > "$TMP/unix.many"
  "$cmd" "$@" "$TMP/unix.many" 2> "$TMP/unix.err" | head -1 > /dev/null
  expect_eq "$prog: | head: nothing on stderr" "$(cat "$TMP/unix.err")" ""
  expect_status "$prog: --help" 0 "$cmd" --help
  expect_match "$prog: --version" "^$prog \\(artext\\) [0-9]" "$("$cmd" --version)"
  expect_status "$prog: unknown option" 2 "$cmd" --bogus
}
