"""Shared helpers for the stance annotation tools (stdlib only). Texts stay outside git."""
import json, os, re
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]
POOL = os.environ.get('REALPRESS_POOL', str(REALPRESS / 'pool.jsonl'))
SELECTION = os.environ.get('REALPRESS_SELECTION', str(REALPRESS) + '/stance_selection.json')
STANCES = ('favorable', 'defavorable', 'neutre', 'sans_objet')
CONFIDENCE = ('high', 'medium', 'low')
FIELDS = ('id', 'annotator', 'stance', 'substantial', 'confidence', 'reason')

def selection():
    """id -> {'split', 'batch', 'second'} (the stratum is deliberately not returned: annotators stay blind to it)."""
    doc = json.load(open(SELECTION))
    return {a['id']: dict(split=a['split'], batch=a['batch'], second=a['second']) for a in doc['articles']}

def articles(ids):
    """Read the pool once and return {id: article} for the wanted ids."""
    ids, out = set(ids), {}
    with open(POOL, encoding='utf-8') as f:
        for line in f:
            i = line[8:40].split('"', 1)[0] if line.startswith('{"id": "') else None
            if i is not None and i not in ids:
                continue
            a = json.loads(line)
            if a['id'] in ids:
                out[a['id']] = a
    return out

def tokens(text):
    return re.findall(r"\w+", text.replace('’', "'").lower())

def shared_run(reason, article, n=8):
    """Return the first run of n consecutive words that the reason shares with the article, or None."""
    art = tokens(' '.join([article['title'], article['lead'], article['body']]))
    grams = {tuple(art[i:i + n]) for i in range(len(art) - n + 1)}
    r = tokens(reason)
    for i in range(len(r) - n + 1):
        if tuple(r[i:i + n]) in grams:
            return ' '.join(r[i:i + n])
    return None
