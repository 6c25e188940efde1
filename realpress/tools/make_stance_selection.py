#!/usr/bin/env python3
"""Select 340 pool articles for stance annotation (fixed seed). Scratch tool, outside git.

Two steps, both recorded in stance_selection.json "how":
1. First draw (seed 20221231, loose rule) gave the calibration batch s0 (40 articles, s0_fixed.json beside this
   script). Labelling s0 showed that the loose rule picked too many passing mentions (23 of 40 sans_objet, 16 of
   them outside the control stratum), so
2. s1-s3 (300 articles) were drawn again, excluding s0, with a stricter rule for the themed strata:
   a social-network tag (Réseaux sociaux, Twitter, Facebook, TikTok, YouTube, Cultures Web), or another Pixels tag
   with 3+ platform mentions in the body, or a platform named in title/lead and 4+ times in the body, or 5+
   platform mentions in the body at a density of 6+ per 1,000 words.
Strata: fav_hunt (hand-picked list: success stories, creators, campaigns, positive uses), eight themes matched on
title+lead (buckets.py), other (strong rule met, no theme word in title/lead), control (a platform named once or
twice in the body only, never in title/lead: expected sans_objet, spread over sections).
Bodies under 150 or over 5,000 words and ids occurring more than once in the pool are skipped.
Split: within each stratum, every third article (after a seeded shuffle) goes to test.
Batches s1-s3: strata interleaved by fractional rank, cut in three batches of 100.
Second annotation: 50 articles of s1-s3 (17/17/16), evenly spaced in that order within each batch and split, so each batch
keeps its dev/test mix; second=true.
"""
import json, random, collections, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from buckets import theme
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]
SEED = 20221231
SEED2 = 20230101
OUT = str(REALPRESS) + '/stance_selection.json'
S0 = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 's0_fixed.json')))
FAV = """6136727 6151534 6125758 6151842 6134957 6148683 6108526 6114213 6154724 6110611 6125803 6123724 6130899
6133522 6136730 6116296 6120525 6141931 6119236 6140008 6130481 6144655 6145915 6122991 6138379 6154235 6023212
6145734 6150273 6121138 6142841 6139825 6108576 6115590 6152163 6151783 6149183 6143576 6146406 6111564
6129030 6139544 6117293 6142394 6121364""".split()
QUOTA = dict(fav_hunt=39, control=53, twitter_musk=44, regulation=25, disinfo=22, harassment=19, business=18,
             elections=15, creators=9, tiktok=6, other=50)

SM_TAGS = {'Réseaux sociaux', 'Twitter', 'Facebook', 'TikTok', 'YouTube', 'Cultures Web'}

def strong(f):
    # broad Pixels tags (Vie en ligne, Libertés numériques, Surveillance numérique, Métavers) also cover tech that is
    # not social media: they count only with 3+ platform mentions in the body
    return bool(SM_TAGS & set(f['tags'])) or (bool(f['tags']) and f['b_pl'] >= 3) or \
        (f['t_pl'] + f['l_pl'] >= 1 and f['b_pl'] >= 4) or (f['b_pl'] >= 5 and 1000 * f['b_pl'] / f['words'] >= 6)

def main():
    rng = random.Random(SEED2)
    F = [json.loads(l) for l in open(str(REALPRESS / 'work' / 'features.jsonl'))]
    n = collections.Counter(f['id'] for f in F)
    F = [f for f in F if n[f['id']] == 1 and 150 <= f['words'] <= 5000]
    F.sort(key=lambda f: f['id'])
    byid = {f['id']: f for f in F}
    s0ids = {i for i, _, _ in S0}
    assert len(FAV) == 45 and len(set(FAV)) == 45 and all(i in byid for i in FAV)
    strata = collections.defaultdict(list)
    strata['fav_hunt'] = [byid[i] for i in FAV if i not in s0ids]
    fav = set(FAV)
    for f in F:
        if f['id'] in fav or f['id'] in s0ids:
            continue
        if strong(f):
            strata[theme(f)].append(f)
        elif f['t_pl'] + f['l_pl'] == 0 and 1 <= f['b_pl'] <= 2 and not f['tags'] and f['t_sm'] + f['l_sm'] == 0:
            strata['control'].append(f)
    chosen = {}
    for s in sorted(QUOTA):
        cand = strata[s][:]
        rng.shuffle(cand)
        if s == 'control':   # spread over sections: round-robin over primary sections, largest first
            by = collections.defaultdict(list)
            for f in cand: by[f['sec']].append(f)
            order = sorted(by, key=lambda k: -len(by[k]))
            pick = []
            while len(pick) < QUOTA[s]:
                for k in order:
                    if by[k] and len(pick) < QUOTA[s]: pick.append(by[k].pop())
            cand = pick
        chosen[s] = cand[:QUOTA[s]]
        assert len(chosen[s]) == QUOTA[s], (s, len(strata[s]))
    rows = []
    for s in sorted(chosen):
        v = chosen[s]
        for i, f in enumerate(v):
            rows.append(dict(id=f['id'], stratum=s, split='test' if i % 3 == 2 else 'dev',
                             key=(i + rng.random()) / len(v)))
    rows.sort(key=lambda r: r['key'])
    for i, r in enumerate(rows):
        r['batch'] = 's%d' % (1 + i // 100)
        r['second'] = False
    for b, k in (('s1', 17), ('s2', 17), ('s3', 16)):   # 50 second annotations, each batch's split mix kept
        inb = [r for r in rows if r['batch'] == b]
        test = [r for r in inb if r['split'] == 'test']; dev = [r for r in inb if r['split'] == 'dev']
        kt = round(k * len(test) / len(inb))
        for group, m in ((test, kt), (dev, k - kt)):
            for j in range(m):                           # evenly spaced in the interleaved order
                group[int((j + 0.5) * len(group) / m)]['second'] = True
    rows += [dict(id=i, stratum=s, split=sp, batch='s0', second=False) for i, sp, s in S0]
    assert len(rows) == 340 and len({r['id'] for r in rows}) == 340
    assert sum(r['second'] for r in rows) == 50, sum(r['second'] for r in rows)
    rows.sort(key=lambda r: (r['batch'], r['id']))
    doc = dict(seed=SEED2,
               how=("340 Le Monde 2022 pool articles (body of 150 to 5,000 words, id unique in the pool) likely to be "
                    "about social media. s0 (40, calibration, labelled by the lead annotator) comes from a first "
                    "draw (seed 20221231) with a loose rule; since 23 of its 40 came out sans_objet, s1-s3 (300) "
                    "were drawn again with seed 20230101, excluding s0, with a stricter rule: a social-network tag "
                    "(or another Pixels tag with 3+ platform mentions in the body), or a platform named in title/lead and 4+ times in the body, or 5+ body mentions at 6+ per "
                    "1,000 words. Strata of s1-s3: fav_hunt 39 (hand-picked from titles/leads: success stories, "
                    "creators, campaigns and positive uses, looked for because real press has few favourable "
                    "articles), twitter_musk 44, regulation 25, disinfo 22, harassment 19, business 18, "
                    "elections 15, creators 9, tiktok 6 (themes matched on title+lead; all candidates of the smaller "
                    "themes are taken), other 50 (no theme "
                    "word), control 53 (a platform named once or twice in the body only, spread over sections; "
                    "expected sans_objet). Split: every third article of each stratum (seeded shuffle) is test. "
                    "Batches s1-s3 interleave the strata, 100 each. second=true: 50 articles of s1-s3 (17/17/16, evenly "
                    "spaced within each batch and split), for a blind second annotation. The stratum is kept for analysis; annotators must not "
                    "be shown it."),
               articles=[dict(id=r['id'], split=r['split'], batch=r['batch'], second=r['second'], stratum=r['stratum'])
                         for r in rows])
    json.dump(doc, open(OUT, 'w'), ensure_ascii=False, indent=1)
    c = collections.Counter((r['batch'], r['split']) for r in rows); print('batch/split', sorted(c.items()))
    print('second by batch/split', sorted(collections.Counter((r['batch'], r['split']) for r in rows if r['second']).items()))
    print('strata', sorted(collections.Counter(r['stratum'] for r in rows).items()))
    print('sections', collections.Counter(byid[r['id']]['sec'] for r in rows).most_common())
    w = sorted(byid[r['id']]['words'] for r in rows); print('words min/median/p90/max', w[0], w[len(w)//2], w[int(.9*len(w))], w[-1])
    print('months', sorted(collections.Counter(byid[r['id']]['date'][:7] for r in rows).items()))

if __name__ == '__main__':
    main()
