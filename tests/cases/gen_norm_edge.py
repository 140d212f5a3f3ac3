#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes norm_edge.txt: normalization edge cases for the lane's
# differential test (tests/unit/test_norm_lane.c). Each case is put at
# every offset around the 16- and 32-byte block edges, after a run of
# plain letters, so that it meets the vector steps' boundaries.
#   python3 tests/cases/gen_norm_edge.py > tests/cases/norm_edge.txt
import sys

cases = [
    "أ", "إ", "آ", "ة", "ى", "ؤ", "ئ", "ٱ", "ک", "ی",        # folded letters
    "َ", "ُّ", "ِ", "ْ", "ٰ", "ً", "ـ", "ۖ",                  # removed marks
    "ا\u0654", "و\u0654", "ي\u0654", "ا\u0653", "ا\u0655",   # compose under NFC
    "ا\u064e\u0654", "ه\u0654",                             # compose across a mark
    "  ", " \t ", "\u00a0", " \n", "\t", "\r",               # whitespace runs
    "\u200c", "\u200f", "\ufeff", "\u00ad",                 # invisibles
    "٣", "۴", "،", "؟", "٪",                                # digits, punctuation
    "ﻷ", "ﻻ", "ﷲ", "ﺳﻼﻡ", "\ufe7b",                        # presentation forms
    "e\u0301", "\u0301", "Å", "ﬁ",                          # Latin that NFKC changes
    "😀", "\u0680", "\u06d5", "\u06c0",                      # four bytes, U+0680 and beyond
]
raw = [b"\xd8", b"\xd9\xd9", b"\x80", b"\xbf\xbf", b"\xe2\x80", b"\xd8\xa7\xd9", b"\x00", b"\xc0\xaf",
       b"\xed\xa0\x80"]

out = sys.stdout.buffer
fill = "كتب".encode()  # six bytes
for c in [x.encode() for x in cases] + raw:
    for pad in range(0, 36):
        # pad bytes of plain text (letters and an ASCII byte to shift by one)
        pre = (fill * 6)[: pad - pad % 2] + (b"x" if pad % 2 else b"")
        out.write(pre + c + fill + b" " + c + c + b" " + fill + b"\n")
# line starts and ends, CRLF, a space before a line end
out.write(" مسؤول \r\n\tرئيس\t\n\n  \n".encode())
out.write(("ب" * 100 + "َ" * 50 + " " * 40 + "ة" * 33 + "\n").encode())
