#!/usr/bin/env python3
"""Validate a stance annotation file and print its label counts.

Usage: check_stance.py FILE [--complete] [--publish]
  FILE       realpress/work/stance_<batch>.jsonl (first annotation of a batch) or
             realpress/work/stance_<batch>-second.jsonl (blind second annotation: only second=true ids)
  --complete also fail when an id of the batch (or of its second=true subset) is missing
  --publish  when the file is valid and complete, write the committable copy
             realpress/stance/<batch>[-second].jsonl (sorted by id; our own labels and reasons only)
Each line: {"id", "annotator", "stance": favorable|defavorable|neutre|sans_objet, "substantial": true|false,
            "confidence": high|medium|low, "reason": one line in your own words}
Rules checked: valid JSON, exactly these fields, id in the stance selection (and in the file's batch), one line
per id, vocabulary, substantial=false <=> stance=sans_objet, a non-empty one-line reason of at most 300
characters, without « » quotation marks, sharing no run of 8+ consecutive words with the article.
Exit status 0 when valid, 1 otherwise.
"""
import sys, os, re, json, collections
sys.path.insert(0, os.path.dirname(__file__))
from stance_common import selection, articles, shared_run, STANCES, CONFIDENCE, FIELDS
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]

OUT_DIR = os.environ.get('REALPRESS_STANCE_OUT', str(REALPRESS) + '/stance')

def main(argv):
    if not argv or argv[0] in ('-h', '--help'):
        print(__doc__); return 0
    path = argv[0]; complete = '--complete' in argv; publish = '--publish' in argv
    m = re.match(r'stance_(s\d+)(-second)?\.jsonl$', os.path.basename(path))
    if not m:
        print(f'{path}: the file must be named stance_<batch>.jsonl or stance_<batch>-second.jsonl'); return 1
    batch, second = m.group(1), bool(m.group(2))
    sel = selection()
    expected = {i for i, s in sel.items() if s['batch'] == batch and (s['second'] or not second)}
    if not expected:
        print(f'no article of batch {batch} in the selection'); return 1
    errors, rows, seen = [], [], collections.Counter()
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f'line {n}: not JSON ({e})'); continue
        if not isinstance(r, dict) or set(r) != set(FIELDS):
            errors.append(f'line {n}: fields must be exactly {", ".join(FIELDS)}'); continue
        i = r['id']; seen[i] += 1
        if i not in sel:
            errors.append(f'line {n}: id {i} is not in the stance selection')
        elif i not in expected:
            errors.append(f'line {n}: id {i} belongs to batch {sel[i]["batch"]}' +
                          (' or is not marked second' if second else '') + f', not to this file ({batch})')
        if not isinstance(r['annotator'], str) or not r['annotator'].strip():
            errors.append(f'line {n}: annotator missing')
        if r['stance'] not in STANCES:
            errors.append(f'line {n}: stance {r["stance"]!r} not in {STANCES}')
        if not isinstance(r['substantial'], bool):
            errors.append(f'line {n}: substantial must be true or false')
        elif (r['stance'] == 'sans_objet') == r['substantial']:
            errors.append(f'line {n}: substantial={str(r["substantial"]).lower()} contradicts stance {r["stance"]} '
                          '(sans_objet <=> not substantial)')
        if r['confidence'] not in CONFIDENCE:
            errors.append(f'line {n}: confidence {r["confidence"]!r} not in {CONFIDENCE}')
        reason = r['reason']
        if not isinstance(reason, str) or not reason.strip():
            errors.append(f'line {n}: reason missing')
        elif '\n' in reason or len(reason) > 300:
            errors.append(f'line {n}: the reason must be one line of at most 300 characters')
        elif '«' in reason or '»' in reason:
            errors.append(f'line {n}: no « » in the reason: say it in your own words, quote nothing')
        rows.append((n, r))
    for i, k in seen.items():
        if k > 1:
            errors.append(f'id {i}: {k} lines (one line per id)')
    texts = articles({r['id'] for _, r in rows if r['id'] in sel})
    for n, r in rows:
        a = texts.get(r['id'])
        if a and isinstance(r['reason'], str):
            run = shared_run(r['reason'], a)
            if run:
                errors.append(f'line {n}: the reason copies the article (8+ words in a row: "{run}")')
    missing = sorted(expected - set(seen))
    for e in errors:
        print('ERROR', e)
    print(f'{path}: {len(rows)} lines, {len(set(seen) & expected)} of {len(expected)} ids of '
          f'{batch}{" (second)" if second else ""}; {len(missing)} missing' +
          (': ' + ' '.join(missing[:20]) + (' …' if len(missing) > 20 else '') if missing else ''))
    c = collections.Counter(r['stance'] for _, r in rows)
    print('stance:     ' + ', '.join(f'{s} {c[s]}' for s in STANCES))
    cc = collections.Counter(r['confidence'] for _, r in rows)
    print('confidence: ' + ', '.join(f'{s} {cc[s]}' for s in CONFIDENCE))
    print('annotators: ' + ', '.join(f'{a} {k}' for a, k in collections.Counter(r['annotator'] for _, r in rows).items()))
    bad = bool(errors) or (complete or publish) and bool(missing)
    if publish and not bad:
        os.makedirs(OUT_DIR, exist_ok=True)
        out = os.path.join(OUT_DIR, f'{batch}{"-second" if second else ""}.jsonl')
        with open(out, 'w', encoding='utf-8') as f:
            for _, r in sorted(rows, key=lambda x: x[1]['id']):
                f.write(json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + '\n')
        print('published', out)
    print('VALID' if not bad else 'INVALID')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
