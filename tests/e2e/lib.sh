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
