#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One line of 50 MB, in UTF-8, windows-1256 and UTF-16LE: every command
# keeps its peak resident set under 3 times the line (as UTF-8) plus a
# constant, gives the same output as on the UTF-8 text, and its source
# offsets at the far end of the line still point at the right bytes.
. "$(dirname "$0")/lib.sh"
NAME=الكاظمي

# The corpus as one line, doubled up to 50 MB.
cat "$CORPUS"/*.txt | tr '\n' ' ' > "$TMP/line"
while [ "$(stat -c %s "$TMP/line")" -lt 50000000 ]; do
  cat "$TMP/line" "$TMP/line" > "$TMP/line2" && mv "$TMP/line2" "$TMP/line"
done
echo >> "$TMP/line"
# Only what windows-1256 can carry, so that one UTF-8 text is the
# reference for all three.
uconv -f utf-8 -t windows-1256 --callback substitute "$TMP/line" > "$TMP/line.1256"
uconv -f windows-1256 -t utf-8 "$TMP/line.1256" > "$TMP/line"
uconv -f utf-8 -t utf-16le "$TMP/line" > "$TMP/line.16"

# peak NAME LIMIT_KB CMD...: runs CMD (output to $TMP/out), checks its peak RSS.
peak() {
  local name=$1 lim=$2; shift 2
  /usr/bin/time -f '%M' -o "$TMP/rss" "$@" > "$TMP/out" 2> "$TMP/err"
  local st=$? rss
  rss=$(tail -1 "$TMP/rss")
  printf '%s: exit %s, peak RSS %s KB (limit %s KB)\n' "$name" "$st" "$rss" "$lim" >&2
  expect_eq "$name: exit" "$st" "0"
  expect_status "$name: peak RSS $rss KB under $lim KB" 0 test "$rss" -lt "$lim"
}

# ref KEY CMD...: CMD's output on a UTF-8 text, unless the run on that very
# file (the utf-8 check, which comes first) left it in REF.
declare -A REF
ref() {
  local key=$1; shift
  if [ -n "${REF[$key]:-}" ]; then printf '%s' "${REF[$key]}"; else "$@"; fi
}
# same NAME GOT KEY CMD...: GOT equals the UTF-8 reference (the utf-8 run
# only records it).
same() {
  local name=$1 got=$2; shift 2
  [ "$f" = "$u8" ] && return
  expect_eq "$name" "$got" "$(ref "$@")"
}
md5of() { "$@" | md5sum; }
md5of_stdin() { local a=("${@:1:$#-1}"); "${a[@]}" < "${!#}" | md5sum; } # the last argument is the input
dates_of() { "$BIN/ar-dates" --json "$1" | cut -d, -f3- | md5sum; } # without file and line
matches_of() { "$BIN/ar-grep" -o "$NAME" "$1" | wc -l; }

# check LABEL FILE UTF8_EQUIVALENT ENCODING ENC_OPTION...
check() {
  local label=$1 f=$2 u8=$3 from=$4; shift 4
  local enc=("$@") lim off text rss
  lim=$(( 3 * $(stat -c %s "$u8") / 1024 + 48 * 1024 ))
  peak "$label ar-norm" $lim "$BIN/ar-norm" "${enc[@]}" "$f"
  REF[norm:$f]=$(md5sum < "$TMP/out") # a UTF-8 file's run is its own reference
  same "$label ar-norm: same text as from UTF-8" "${REF[norm:$f]}" "norm:$u8" md5of "$BIN/ar-norm" "$u8"
  peak "$label ar-norm --json" $lim "$BIN/ar-norm" --json "${enc[@]}" "$f"
  expect_eq "$label ar-norm --json: one record" "$(wc -l < "$TMP/out"),$(head -c 200 "$TMP/out" | grep -c '"line":1,"offset":0,"original":"')" "1,1"
  # (from standard input: the file names in the records agree)
  /usr/bin/time -f '%M' -o "$TMP/rss" "$BIN/ar-tok" --json "${enc[@]}" < "$f" | md5sum > "$TMP/out"
  rss=$(tail -1 "$TMP/rss")
  printf '%s: peak RSS %s KB (limit %s KB)\n' "$label ar-tok --json" "$rss" "$lim" >&2
  expect_status "$label ar-tok --json: peak RSS $rss KB under $lim KB" 0 test "$rss" -lt "$lim"
  REF[tok:$f]=$(cat "$TMP/out")
  same "$label ar-tok --json: same tokens as from UTF-8" "${REF[tok:$f]}" "tok:$u8" md5of_stdin "$BIN/ar-tok" --json "$u8"
  peak "$label ar-dates --json" $lim "$BIN/ar-dates" --json "${enc[@]}" "$f"
  REF[dates:$f]=$(cut -d, -f3- "$TMP/out" | md5sum)
  same "$label ar-dates: the same dates as from UTF-8" "${REF[dates:$f]}" "dates:$u8" dates_of "$u8"
  peak "$label ar-entities --no-model --count" $lim "$BIN/ar-entities" --no-model --count "${enc[@]}" "$f"
  REF[ent:$f]=$(md5sum < "$TMP/out")
  same "$label ar-entities --no-model: same counts" "${REF[ent:$f]}" "ent:$u8" md5of "$BIN/ar-entities" --no-model --count "$u8"
  peak "$label ar-grep -o -b" $lim "$BIN/ar-grep" -o -b "${enc[@]}" "$NAME" "$f"
  REF[grep:$f]=$(wc -l < "$TMP/out")
  same "$label ar-grep -o: as many matches as in UTF-8" "${REF[grep:$f]}" "grep:$u8" matches_of "$u8"
  # The last match, 50 MB in: its offset in the file holds its bytes.
  off=$(tail -1 "$TMP/out" | cut -d: -f1)
  text=$(tail -c +$((off + 1)) "$f" | uconv -f "$from" -t utf-8 | head -c "$(printf %s "$NAME" | wc -c)")
  expect_eq "$label ar-grep -b: the last match's offset ($off) holds it" "$text" "$NAME"
}

check utf-8 "$TMP/line" "$TMP/line" utf-8
check windows-1256 "$TMP/line.1256" "$TMP/line" windows-1256 --encoding=windows-1256
check utf-16le "$TMP/line.16" "$TMP/line" utf-16le --encoding=utf-16le
# The tagger's memory too, once (its output on other encodings is checked
# on the corpus by the ar-entities tests; here it would take 5 s more).
peak "windows-1256 ar-entities --count (model)" \
  $(( 3 * $(stat -c %s "$TMP/line") / 1024 + 48 * 1024 )) \
  "$BIN/ar-entities" --count --encoding=windows-1256 "$TMP/line.1256"
expect_status "ar-entities (model): finds people" 0 grep -qP '\tPER\t' "$TMP/out"
rm -f "$TMP"/line*
finish
