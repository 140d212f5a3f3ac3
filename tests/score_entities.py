#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Entity-level scorer, CoNLL exact-match convention: a predicted mention
counts only when its file, line, byte span and type all equal a gold one.

usage: score_entities.py GOLD.tsv SYSTEM [--types PER,LOC,ORG]
                         [--floor-p P] [--floor-r R] [--floor-f F]

GOLD: TSV rows file, line, start, end, type, text ('#' comments).
SYSTEM: `ar-entities --json` output (JSON Lines) or the same TSV; '-' = stdin.
Files are compared by base name. Prints precision, recall and F1 per type
and overall (micro); exits 1 when an overall figure is under its floor."""
import json
import os
import sys


def load(path, types):
    fh = sys.stdin if path == '-' else open(path, encoding='utf-8')
    out = set()
    for raw in fh:
        raw = raw.rstrip('\n')
        if not raw or raw.startswith('#'):
            continue
        if raw.startswith('{'):
            j = json.loads(raw)
            key = (os.path.basename(j['file']), int(j['line']), int(j['start']), int(j['end']), j['type'])
        else:
            f = raw.split('\t')
            key = (os.path.basename(f[0]), int(f[1]), int(f[2]), int(f[3]), f[4])
        if key[4] in types:
            out.add(key)
    return out


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv):
    args = argv[1:]
    types = ['PER', 'LOC', 'ORG']
    floors = {}
    pos = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == '--types':
            types = args[i + 1].split(',')
            i += 2
        elif a in ('--floor-p', '--floor-r', '--floor-f'):
            floors[a[-1]] = float(args[i + 1])
            i += 2
        else:
            pos.append(a)
            i += 1
    if len(pos) != 2:
        sys.stderr.write(__doc__)
        return 2
    gold = load(pos[0], types)
    sysm = load(pos[1], types)
    # only files the gold covers are scored
    files = {k[0] for k in gold}
    sysm = {k for k in sysm if k[0] in files}
    print('%-6s %6s %6s %6s %9s %6s %6s' % ('type', 'gold', 'system', 'match', 'precision', 'recall', 'F1'))
    for t in types + ['ALL']:
        g = {k for k in gold if t == 'ALL' or k[4] == t}
        s = {k for k in sysm if t == 'ALL' or k[4] == t}
        tp = len(g & s)
        p, r, f = prf(tp, len(s), len(g))
        print('%-6s %6d %6d %6d %9.3f %6.3f %6.3f' % (t, len(g), len(s), tp, p, r, f))
    tp = len(gold & sysm)
    p, r, f = prf(tp, len(sysm), len(gold))
    if os.environ.get('SCORE_VERBOSE'):
        for k in sorted(gold - sysm):
            print('missed\t%s\t%d\t%d\t%d\t%s' % k)
        for k in sorted(sysm - gold):
            print('spurious\t%s\t%d\t%d\t%d\t%s' % k)
    bad = [(n, v, floors[n]) for n, v in (('p', p), ('r', r), ('f', f)) if n in floors and v < floors[n]]
    for n, v, fl in bad:
        print('under the floor: %s = %.3f < %.3f' % ({'p': 'precision', 'r': 'recall', 'f': 'F1'}[n], v, fl))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
