# SPDX-License-Identifier: MIT
# The README's pipelines, run as written: every command line of the block
# under "Pipelines over the reports" must exit 0 and print something, and
# a trailing "# N" comment is the figure the line must print.
. "$(dirname "$0")/lib.sh"
export PATH="$BIN:$PATH"
cd "$SRC" || exit 2
block=$(awk '/^## Pipelines over the reports/ { on = 1; next }
             on && /^```sh/ { inb = 1; next }
             inb && /^```/ { exit }
             inb { print }' README.md)
[ -n "$block" ] || { bad "no pipeline block in README.md"; finish; exit; }
n=0
while IFS= read -r line; do
  case $line in ''|'#'*) continue ;; esac
  # Lines that need files a reader brings (a watch list, a reports tree).
  case $line in *names.txt*|*reports/*) continue ;; esac
  cmd=${line%%  #*}
  want=
  case $line in *"  # "[0-9]*) want=$(printf '%s' "${line##*  # }" | awk '{ print $1 }') ;; esac
  out=$(bash -c "$cmd" 2>"$TMP/err"); st=$?
  n=$((n + 1))
  if [ "$st" -ne 0 ]; then bad "exit $st: $cmd ($(head -c 200 "$TMP/err"))"; continue; fi
  [ -n "$out" ] && ok || bad "no output: $cmd"
  if [ -n "$want" ]; then
    expect_eq "README figure: $cmd" "$(printf '%s' "$out" | head -1 | awk '{ print $1 }')" "$want"
  fi
done <<< "$block"
expect_match "README pipelines run" '^[1-9][0-9]*$' "$n"
finish
