#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks that the code point list between the BEGIN/END fold.tsv markers of
# a man page is what fold_table.sh makes of the table:
#   sh lib/gen/check_man.sh man/ar-norm.1 lib/data/fold.tsv
# To refresh the man page after editing fold.tsv, replace the lines between
# the markers with the output of: sh lib/gen/fold_table.sh man lib/data/fold.tsv
set -eu
man=${1:?usage: check_man.sh MANPAGE FOLD.TSV}
tsv=${2:?usage: check_man.sh MANPAGE FOLD.TSV}
here=$(dirname "$0")
tmp=${TMPDIR:-/tmp}/check_man.$$
trap 'rm -f "$tmp.want" "$tmp.got"' EXIT
sh "$here/fold_table.sh" man "$tsv" > "$tmp.want"
awk '/^\.\\" END fold\.tsv/ { on = 0 } on { print } /^\.\\" BEGIN fold\.tsv/ { on = 1 }' "$man" > "$tmp.got"
if ! cmp -s "$tmp.want" "$tmp.got"; then
    echo "$man: code point list differs from $tsv (regenerate with fold_table.sh man):" >&2
    diff "$tmp.want" "$tmp.got" >&2 || true
    exit 1
fi
echo "$man: code point list matches $tsv ($(wc -l < "$tmp.want") lines)"
