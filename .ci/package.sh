#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian package as a user meets it: build it with CPack from BUILD,
# install it with apt-get, find the man pages, run every command on
# corpus/, build a consumer with pkg-config and with find_package, and
# remove it cleanly. Run as root by .ci/run:  bash .ci/package.sh BUILD
set -euo pipefail
build=${1:?usage: package.sh BUILD}
cd "$(dirname "$0")/.."
rm -rf "$build/pkg"
cpack --config "$build/CPackConfig.cmake" -B "$build/pkg" >/dev/null
deb=$(ls "$build"/pkg/artext_*_amd64.deb)
echo "package: $(basename "$deb")"
dpkg-deb -f "$deb" Depends
apt-get install -y -qq "./$deb" >/dev/null
man -w ar-grep ar-entities ar-ner-train artext-gazetteer >/dev/null
man -w 7 artext >/dev/null
f=corpus/000_4d9058f67ed09ede.txt
ar-norm --profile search "$f" | grep -q الكاظمي
ar-tok "$f" | grep -qx الكاظمي
[ "$(ar-grep -c -w مخمور corpus/*.txt | awk -F: '{s += $NF} END {print s}')" -gt 0 ]
ar-dates --ref 2021-12-08 "$f" | grep -q 2021-12-02
ar-entities "$f" | grep -q 'PER	مصطفى الكاظمي'
ar-ner-train --version | grep -q artext
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -o "$tmp/pc" tests/install/consumer.c $(pkg-config --cflags --libs artext)
"$tmp/pc" >/dev/null
cmake -S tests/install -B "$tmp/cm" >/dev/null
cmake --build "$tmp/cm" >/dev/null
"$tmp/cm/consumer_shared" >/dev/null
"$tmp/cm/consumer_alias" >/dev/null
"$tmp/cm/consumer_static" >/dev/null
apt-get remove -y -qq artext >/dev/null
if command -v ar-grep >/dev/null || [ -e /usr/include/artext/artext.h ] || ls /usr/lib/libartext* >/dev/null 2>&1; then
  echo "package: files left after removal" >&2
  exit 1
fi
echo "package: installed, used and removed"
