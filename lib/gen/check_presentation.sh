#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks that the presentation-form block of lib/data/fold.tsv is what
# lib/gen/presentation_forms.py prints (run from the source root). To
# refresh it, replace the block with the script's output.
set -eu
tmp=${TMPDIR:-/tmp}/check_presentation.$$
trap 'rm -f "$tmp.want" "$tmp.got"' EXIT
python3 lib/gen/presentation_forms.py > "$tmp.want"
sed -n '/^# BEGIN presentation/,/^# END presentation/p' lib/data/fold.tsv > "$tmp.got"
cmp "$tmp.want" "$tmp.got"
echo "fold.tsv: presentation forms match the generator ($(wc -l < "$tmp.want") lines)"
