"""Turn candidates.json (from select.py) into the committable selection.json: b0 calibration batch,
batches b1-b4, blind second annotation. Usage: python3 finalize.py candidates.json selection.json SEED"""
import collections
import json
import random
import sys

src, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed + 1)
C = json.load(open(src))
# b0: the calibration batch, fixed (annotated first; picked by the rule: one per section, <= 750 words, covering
# interview, wire x2, institutional x2, indirect_low_guillemets, general x4, among dev articles of a first split)
B0 = ["6110669", "6111367", "6117597", "6120792", "6123570", "6138525", "6143267", "6144973", "6146063", "6147572"]
b0 = [f for f in C if f["id"] in B0]
assert len(b0) == 10
b0ids = set(B0)
for f in b0:
    f["split"] = "dev"
rest = [f for f in C if f["id"] not in b0ids]
# split of the 120 others: sorted by (kind, section, words), systematic sample of 45 with a random start -> test,
# so that test is stratified by kind (interviews, wire, institutional…), section and length
rest.sort(key=lambda f: (f["why"], f["section"], f["words"]))
step = len(rest) / 45
start = rng.random() * step
test = {rest[int(start + i * step)]["id"] for i in range(45)}
for f in rest:
    f["split"] = "test" if f["id"] in test else "dev"
# b1-b4: dealt round-robin over (split, kind, section, words) so each batch mixes splits, kinds, sections, lengths
rest.sort(key=lambda f: (f["split"], f["why"], f["section"], f["words"]))
for i, f in enumerate(rest):
    f["batch"] = "b%d" % (1 + i % 4)
for f in b0:
    f["batch"] = "b0"
# second annotation: per batch, 5 articles (about 2-3 dev, 2-3 test): 10 dev + 10 test overall
for split in ("dev", "test"):
    pools = {b: [f for f in rest if f["batch"] == b and f["split"] == split] for b in ("b1", "b2", "b3", "b4")}
    for b in pools:
        rng.shuffle(pools[b])
    n = 0
    order = ["b1", "b2", "b3", "b4", "b1", "b2", "b3", "b4", "b1", "b2"] if split == "dev" else \
            ["b3", "b4", "b1", "b2", "b3", "b4", "b1", "b2", "b3", "b4"]
    for b in order:
        f = pools[b].pop()
        f["second"] = True
        n += 1
arts = []
for f in sorted(C, key=lambda f: (f["batch"], f["id"])):
    a = {"id": f["id"], "split": f["split"], "batch": f["batch"], "section": f["section"],
         "url_section": f["url_section"], "words": f["words"], "n_guillemets": f["n_g"],
         "kind": f["why"], "interview": f["interview"], "wire": f["wire"], "est_quotes": round(f["est"], 1)}
    if f.get("second"):
        a["second"] = True
    arts.append(a)
how = ("tools/select.py + tools/finalize.py (outside git, stdlib) over realpress/pool.jsonl with this seed. "
       "Eligible: body >= 150 and < 6000 words (whitespace tokens); url section in a known group "
       "(section = group of the url's first path segment, ld_sections being empty for 11% of the pool); "
       "not Débats/Dessins, not Tribunes unless Q/A interview, not data pages (titles with visualisez, "
       "Résultats, cartes, infographie, quiz). Quotas per section group and per length stratum "
       "(short 150-349: 30, medium 350-599: 44, long 600-1199: 36, xlong 1200+: 20). Picked in order, round-robin "
       "over sections from a seeded shuffle: 14 Q/A interviews (>= 3 question paragraphs and 'entretien'/"
       "'propos recueillis'/'Name : «' title), 20 wire items ('Le Monde avec AFP/Reuters/AP' at the end) with "
       ">= 2 guillemets or >= 3 cues, 16 with >= 4 institutional attributions, 10 with <= 1 guillemet but >= 3 "
       "reporting cues (indirect speech), then the rest among n_guillemets >= 7 (>= 3 as fallback). b0 = 10 dev "
       "articles of <= 750 words covering the kinds, one per section (fixed list, annotated first). Split of the "
       "other 120: sorted by (kind, section, words), systematic sample of 45 with a random start -> test (the "
       "split in candidates.json from select.py is superseded). b1-b4 dealt round-robin over (split, kind, "
       "section, words); "
       "second = 10 dev + 10 test spread over b1-b4. est_quotes is a rough prior (0.55 * guillemets + "
       "0.6 * reporting cues; questions + 0.3 * guillemets for interviews).")
json.dump({"seed": seed, "how": how, "articles": arts}, open(out, "w"), ensure_ascii=False, indent=1)
c = collections.Counter
print("batches", c((a["batch"], a["split"]) for a in arts))
print("second", c((a["batch"], a["split"]) for a in arts if a.get("second")))
for a in arts:
    if a["batch"] == "b0":
        print(a)
