#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scores ar-entities as a whole (tagger, lists, rules and co-reference, as a
user runs it) on a CoNLL file, where ar-ner-train scores the tagger alone.

    python3 tools/score_pipeline.py FILE.conll [--part FROM:TO] [--types PER,LOC,ORG]
                                    [--] AR-ENTITIES [OPTION...]

The sentences of FILE (or the part FROM:TO of them, chosen as ar-ner-train
--dev chooses it) are written one a line, words joined by spaces, and given
to AR-ENTITIES --json as one file. ar-entities keeps attached clitics out of
its spans (والعراق gives العراق) while CoNLL tags whole words, so a span is
read as the words it touches; an entity counts when its type and its first
and last word equal a gold one (CoNLL exact match over words). Prints
precision, recall and F1 per type and micro-averaged over the types.
"""
import json
import subprocess
import sys
import tempfile


def type_of(tag):
    t = tag[2:]
    if t in ('PER', 'PERS'):
        return 'PER'
    if t.startswith('MIS'):
        return 'MISC'
    return t


def read_conll(path):
    sents, cur = [], []
    with open(path, encoding='utf-8') as fh:
        for ln, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if len(parts) < 2:
                sys.exit(f'{path}:{ln}: want "word tag"')
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def gold_spans(sent):
    out, i = set(), 0
    while i < len(sent):
        tag = sent[i][1]
        if tag == 'O' or len(tag) < 3:
            i += 1
            continue
        ty, j = type_of(tag), i + 1
        while j < len(sent) and sent[j][1].startswith('I-') and type_of(sent[j][1]) == ty:
            j += 1
        out.add((i, j - 1, ty))
        i = j
    return out


def main(argv):
    part, types, rest = None, ('PER', 'LOC', 'ORG'), []
    args = iter(argv)
    conll = None
    for a in args:
        if a == '--part':
            part = next(args)
        elif a == '--types':
            types = tuple(next(args).split(','))
        elif a == '--':
            rest = list(args)
        elif conll is None:
            conll = a
        else:
            rest = [a] + list(args)
    if conll is None or not rest:
        sys.exit(__doc__)
    sents = read_conll(conll)
    if part:
        lo, hi = (float(x) for x in part.split(':'))
        n = len(sents)
        sents = sents[int(lo * n):int(hi * n)]
    lines, starts = [], []
    for s in sents:
        pos, st = 0, []
        for w, _ in s:
            st.append(pos)
            pos += len(w.encode('utf-8')) + 1
        starts.append(st)
        lines.append(' '.join(w for w, _ in s))
    with tempfile.NamedTemporaryFile('w', encoding='utf-8', suffix='.txt') as tf:
        tf.write('\n'.join(lines) + '\n')
        tf.flush()
        res = subprocess.run(rest + ['--json', tf.name], stdout=subprocess.PIPE, check=False)
    if res.returncode not in (0, 1):
        sys.exit(f'score_pipeline.py: {rest[0]} exited with {res.returncode}')
    found = [set() for _ in sents]
    for rec in res.stdout.decode('utf-8').splitlines():
        j = json.loads(rec)
        k = j['line'] - 1
        st = starts[k]
        first = max(i for i, p in enumerate(st) if p <= j['start'])
        last = max(i for i, p in enumerate(st) if p < j['end'])
        found[k].add((first, last, j['type']))
    tp = {t: 0 for t in types}
    fp = dict(tp)
    fn = dict(tp)
    for s, f in zip(sents, found):
        g = {x for x in gold_spans(s) if x[2] in types}
        f = {x for x in f if x[2] in types}
        for t in types:
            gt = {x for x in g if x[2] == t}
            ft = {x for x in f if x[2] == t}
            tp[t] += len(gt & ft)
            fp[t] += len(ft - gt)
            fn[t] += len(gt - ft)

    def prf(a, b, c):
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f'{"type":6} {"gold":>6} {"found":>6}  P      R      F1')
    for t in types:
        p, r, f1 = prf(tp[t], fp[t], fn[t])
        print(f'{t:6} {tp[t] + fn[t]:6} {tp[t] + fp[t]:6}  {p:.3f}  {r:.3f}  {f1:.3f}')
    p, r, f1 = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f'micro  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}')


if __name__ == '__main__':
    main(sys.argv[1:])
