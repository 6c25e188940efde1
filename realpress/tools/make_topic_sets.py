#!/usr/bin/env python3
"""Draw the real-press topic development (1,600) and test (550) sets ONCE, with a fixed seed.

Eligible: pool articles whose id occurs once in the pool (43 ids are shared by republished pages: left out), with non-empty section_topics and a body of at least 80 words.
Strata: primary section (first of ld_sections; '(aucune)' when the list is empty).
1. Section quotas for the 2,150 articles: every section gets min(n, 2) first (so it can appear in both splits),
   the rest is shared in proportion to section size with a cap per section (water-filling), so that the largest
   sections (International, Débats, …) do not crowd out the rarer topics.
2. Within a section, articles are drawn at random (seeded).
3. Topic floor: while a topic has fewer than 55 articles (40 dev + 15 test) where the pool has them, an article
   carrying it replaces a drawn article of the same section that does not carry any topic below its floor.
4. Split per section: 550/2150 of each section to test (largest remainders, at least 1 test and 1 dev when the
   section has 2+ drawn), then swaps within a section until every topic has >= 40 dev and >= 15 test.
Writes realpress/topics.jsonl (ids and labels only) and prints the statistics.
"""
import json, random, collections, sys
from pathlib import Path as _Path

# The repository's realpress/ folder: the pool (git-ignored), work files (git-ignored) and the labels.
REALPRESS = _Path(__file__).resolve().parents[1]
SEED = 20220101
N_DEV, N_TEST = 1600, 550
CAP = 160            # max articles drawn from one section (dev+test)
FLOOR_DEV, FLOOR_TEST = 40, 15
POOL = str(REALPRESS / 'pool.jsonl')
OUT = str(REALPRESS) + '/topics.jsonl'

def main():
    rng = random.Random(SEED)
    arts = []
    lines = [json.loads(line) for line in open(POOL)]
    n_id = collections.Counter(a['id'] for a in lines)   # 43 ids occur more than once in the pool: left out
    for a in lines:
        if n_id[a['id']] == 1 and a['section_topics'] and len(a['body'].split()) >= 80:
            arts.append(dict(id=a['id'], topics=a['section_topics'], sections=a['ld_sections'],
                             sec=a['ld_sections'][0] if a['ld_sections'] else '(aucune)'))
    arts.sort(key=lambda a: a['id'])
    by_sec = collections.defaultdict(list)
    for a in arts: by_sec[a['sec']].append(a)
    for s in sorted(by_sec): rng.shuffle(by_sec[s])
    total = N_DEV + N_TEST
    # 1. quotas
    quota = {s: min(len(v), 2) for s, v in by_sec.items()}
    left = total - sum(quota.values())
    while left > 0:
        open_ = [s for s in by_sec if quota[s] < min(len(by_sec[s]), CAP)]
        w = sum(len(by_sec[s]) for s in open_)
        add = {s: min(min(len(by_sec[s]), CAP) - quota[s], int(left * len(by_sec[s]) / w)) for s in open_}
        if sum(add.values()) == 0:
            for s in sorted(open_, key=lambda s: -len(by_sec[s]))[:left]: add[s] = 1
        for s, k in add.items(): quota[s] += k
        left = total - sum(quota.values())
        if left < 0:  # remove overshoot from largest
            for s in sorted(quota, key=lambda s: -quota[s])[:-left]: quota[s] -= 1
            left = 0
    # 2. draw
    chosen = {s: by_sec[s][:quota[s]] for s in by_sec}
    rest = {s: by_sec[s][quota[s]:] for s in by_sec}
    pool_topic = collections.Counter(t for a in arts for t in a['topics'])
    need = {t: min(FLOOR_DEV + FLOOR_TEST, pool_topic[t]) for t in pool_topic}
    def counts():
        return collections.Counter(t for v in chosen.values() for a in v for t in a['topics'])
    # 3. topic floor
    for _ in range(5000):
        c = counts()
        short = [t for t in need if c[t] < need[t]]
        if not short: break
        t = min(short, key=lambda t: c[t] - need[t])
        done = False
        for s in sorted(rest, key=lambda s: -len(chosen[s])):
            cand = [a for a in rest[s] if t in a['topics']]
            drop = [a for a in chosen[s] if not any(c[x] <= need[x] for x in a['topics'])]
            if cand and drop:
                a_in, a_out = cand[0], drop[-1]
                rest[s].remove(a_in); chosen[s].remove(a_out); chosen[s].append(a_in); rest[s].append(a_out)
                done = True; break
        if not done: print('cannot reach floor for', t, file=sys.stderr); break
    # 4. split
    split = {}
    n_sel = {s: len(v) for s, v in chosen.items() if v}
    raw = {s: n * N_TEST / total for s, n in n_sel.items()}
    k_test = {s: int(raw[s]) for s in n_sel}
    for s in sorted(n_sel, key=lambda s: -(raw[s] - int(raw[s])))[:N_TEST - sum(k_test.values())]: k_test[s] += 1
    for s in n_sel:
        if n_sel[s] >= 2: k_test[s] = min(max(k_test[s], 1), n_sel[s] - 1)
    # re-balance to exactly N_TEST, taking from / giving to the biggest sections
    while sum(k_test.values()) > N_TEST:
        s = max((s for s in n_sel if k_test[s] > 1), key=lambda s: k_test[s] - raw[s]); k_test[s] -= 1
    while sum(k_test.values()) < N_TEST:
        s = max((s for s in n_sel if k_test[s] < n_sel[s] - 1), key=lambda s: raw[s] - k_test[s]); k_test[s] += 1
    for s, v in chosen.items():
        for i, a in enumerate(v): split[a['id']] = 'test' if i < k_test.get(s, 0) else 'dev'
    allsel = [a for v in chosen.values() for a in v]
    def sc():
        d = collections.Counter(); te = collections.Counter()
        for a in allsel:
            for t in a['topics']: (te if split[a['id']] == 'test' else d)[t] += 1
        return d, te
    for _ in range(5000):
        d, te = sc()
        fd = {t: min(FLOOR_DEV, pool_topic[t] - min(FLOOR_TEST, pool_topic[t])) for t in pool_topic}
        bad = [(t, 'test') for t in pool_topic if te[t] < min(FLOOR_TEST, pool_topic[t] // 4)] + \
              [(t, 'dev') for t in pool_topic if d[t] < fd[t]]
        if not bad: break
        t, want = bad[0]; other = 'dev' if want == 'test' else 'test'
        ok = False
        for s, v in chosen.items():
            a_in = [a for a in v if split[a['id']] == other and t in a['topics']]
            a_out = [a for a in v if split[a['id']] == want and t not in a['topics']]
            if a_in and a_out:
                split[a_in[0]['id']] = want; split[a_out[-1]['id']] = other; ok = True; break
        if not ok: print('cannot balance', t, want, file=sys.stderr); break
    allsel.sort(key=lambda a: (split[a['id']], a['id']))
    with open(OUT, 'w') as f:
        for a in allsel:
            f.write(json.dumps(dict(id=a['id'], split=split[a['id']], topics=a['topics'], sections=a['sections']),
                               ensure_ascii=False) + '\n')
    report(allsel, split, by_sec, pool_topic, len(arts))

def report(allsel, split, by_sec, pool_topic, n_el):
    d, te = collections.Counter(), collections.Counter()
    nd, nt = collections.Counter(), collections.Counter()
    sd, st = collections.Counter(), collections.Counter()
    for a in allsel:
        dev = split[a['id']] == 'dev'
        for t in a['topics']: (d if dev else te)[t] += 1
        (nd if dev else nt)[len(a['topics'])] += 1
        (sd if dev else st)[a['sec']] += 1
    print(f'eligible: {n_el}; seed {SEED}; dev {sum(nd.values())}, test {sum(nt.values())}; '
          f'sections represented: {len(sd | st)} of {len(by_sec)}')
    print('\n| topic | eligible pool | dev | test |\n|---|---|---|---|')
    for t in sorted(pool_topic, key=lambda t: -pool_topic[t]):
        print(f'| {t} | {pool_topic[t]} | {d[t]} | {te[t]} |')
    print('| education | 0 | 0 | 0 |')
    print('\n| topics per article | dev | test |\n|---|---|---|')
    for k in sorted(nd | nt): print(f'| {k} | {nd[k]} ({100*nd[k]/sum(nd.values()):.0f} %) | {nt[k]} ({100*nt[k]/sum(nt.values()):.0f} %) |')
    print('\n| primary section | eligible | dev | test |\n|---|---|---|---|')
    for s in sorted(by_sec, key=lambda s: -len(by_sec[s])):
        print(f'| {s} | {len(by_sec[s])} | {sd[s]} | {st[s]} |')

if __name__ == '__main__':
    main()
