"""Choose the real-press annotation sample. Deterministic for a given seed and pool.
Usage: python3 select.py OUT.json [SEED]
Writes ids and labels only (no text)."""
import collections
import json
import random
import re
import sys

from poolutil import load_pool, section_group, url_section

SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 2022_0901
OUT = sys.argv[1]
N = 130
N_TEST = 45
SECTION_QUOTA = {"politique": 17, "international": 18, "afrique": 6, "economie": 16, "societe": 20,
                 "planete": 10, "culture": 14, "sport": 10, "sciences-pixels": 9, "idees": 5, "autres": 5}
LEN_STRATA = [("short", 150, 350, 30), ("medium", 350, 600, 44), ("long", 600, 1200, 36),
              ("xlong", 1200, 6000, 20)]

RE_WIRE = re.compile(r"Le Monde avec (l’|l')?(AFP|Reuters|AP|Bloomberg)")
INST = (r"(parquet|préfecture|ministère|gendarmerie|police|gouvernement|agence|armée|mairie|entreprise|groupe|"
        r"société|club|fédération|ONU|Commission|Kremlin|Elysée|Élysée|Maison Blanche|autorités|direction|"
        r"syndicat|association|tribunal|procureur|porte-parole|source|communiqué|rapport|Insee|ministre)")
RE_INST = re.compile(r"(?:(?:a|ont|avait|a-t-il|a-t-elle) (?:indiqué|précisé|annoncé|déclaré|affirmé|fait savoir|"
                     r"confirmé|expliqué|assuré|souligné|ajouté|rapporté)|[Ss]elon|[Dd]’après|d'après) "
                     r"(?:le |la |l’|l'|les |un |une |des |du |de la |son |sa )?" + INST)
RE_CUE = re.compile(r"(?:, (?:a|ont|avait) (?:indiqué|précisé|annoncé|déclaré|affirmé|fait savoir|confirmé|"
                    r"expliqué|assuré|souligné|ajouté|estimé|jugé|dénoncé|rapporté|dit|écrit|averti)\b|"
                    r"\b(?:[Ss]elon|[Dd]’après)\b|\b(?:a|ont) (?:indiqué|affirmé|assuré|annoncé|déclaré|estimé|"
                    r"expliqué|affirmé|reconnu|souligné|précisé) qu)")


def interview_questions(rec):
    paras = [p.strip() for p in rec["body"].split("\n") if p.strip()]
    return sum(1 for p in paras[:-1] if p.endswith("?") and len(p) < 400 and not p.startswith(("«", "“", "—")))


def is_interview(rec):
    head = (rec["title"] + " " + (rec["lead"] or "")).lower()
    q = interview_questions(rec)
    return q >= 3 and ("entretien" in head or "propos recueillis" in rec["body"].lower()
                       or " : «" in rec["title"])


def stratum(words):
    for name, lo, hi, _ in LEN_STRATA:
        if lo <= words < hi:
            return name
    return None


def features(rec):
    body = rec["body"]
    words = len(body.split())
    f = {"id": rec["id"], "section": section_group(rec), "url_section": url_section(rec["url"]),
         "words": words, "stratum": stratum(words), "n_g": rec["n_guillemets"],
         "wire": bool(RE_WIRE.search(body[-300:])), "interview": is_interview(rec),
         "inst": len(RE_INST.findall(body)), "cues": len(RE_CUE.findall(body))}
    if f["interview"]:
        f["est"] = interview_questions(rec) + 0.3 * f["n_g"]
    else:
        f["est"] = 0.55 * f["n_g"] + 0.6 * f["cues"]
    return f


def eligible(rec, f):
    if f["section"] is None or f["stratum"] is None:
        return False
    secs = " ".join(s for s in (rec.get("ld_sections") or []) if s)
    if "Dessins" in secs or "En direct" in rec["title"] or rec["title"].startswith("DIRECT"):
        return False
    if re.search(r"[Vv]isualisez|^Résultats|EN CARTES|EN GRAPHIQUES|[Ii]nfographie|^Carte|[Qq]uiz", rec["title"]):
        return False  # data pages, maps, lists: few sentences of speech
    if "Tribunes" in secs and not f["interview"]:
        return False  # an op-ed's own voice is not a quote; keep idées interviews and analyses
    return True


def main():
    rng = random.Random(SEED)
    pool = load_pool()
    feats = []
    for rec in pool.values():
        f = features(rec)
        if eligible(rec, f):
            feats.append(f)
    rng.shuffle(feats)
    chosen, taken = [], set()
    sec_n = collections.Counter()
    len_n = collections.Counter()
    len_quota = {s[0]: s[3] for s in LEN_STRATA}

    def take(pred, k, why, strict_len=True):
        got = 0
        # round-robin over sections so that each special kind is spread
        by_sec = collections.defaultdict(list)
        for f in feats:
            if f["id"] not in taken and pred(f):
                by_sec[f["section"]].append(f)
        while got < k and any(by_sec.values()):
            for sec in sorted(by_sec):
                if got >= k:
                    break
                lst = by_sec[sec]
                while lst:
                    f = lst.pop(0)
                    if sec_n[sec] >= SECTION_QUOTA[sec]:
                        lst.clear()
                        break
                    if strict_len and len_n[f["stratum"]] >= len_quota[f["stratum"]]:
                        continue
                    f["why"] = why
                    chosen.append(f); taken.add(f["id"]); sec_n[sec] += 1; len_n[f["stratum"]] += 1
                    got += 1
                    break
            by_sec = {s: l for s, l in by_sec.items() if l}
        return got

    take(lambda f: f["interview"] and f["words"] <= 2500, 14, "interview")
    take(lambda f: f["wire"] and (f["n_g"] >= 2 or f["cues"] >= 3), 20, "wire")
    take(lambda f: f["inst"] >= 4 and f["n_g"] >= 2, 16, "institutional")
    take(lambda f: f["n_g"] <= 1 and f["cues"] >= 3 and f["inst"] >= 1, 10, "indirect_low_guillemets")
    take(lambda f: f["n_g"] >= 7, N - len(chosen), "general")
    if len(chosen) < N:
        take(lambda f: f["n_g"] >= 3, N - len(chosen), "general")
    if len(chosen) < N:
        take(lambda f: f["n_g"] >= 2, N - len(chosen), "general", strict_len=False)
    assert len(chosen) == N, len(chosen)

    # split: stratify by section then length, every third-ish article to test, deterministic
    chosen.sort(key=lambda f: (f["section"], f["words"]))
    ids_sorted = [f["id"] for f in chosen]
    test = set()
    # systematic sampling with a random start over the sorted list: 45 of 130, spread over sections and lengths
    step = N / N_TEST
    start = rng.random() * step
    for i in range(N_TEST):
        test.add(ids_sorted[int(start + i * step)])
    for f in chosen:
        f["split"] = "test" if f["id"] in test else "dev"
    return chosen, test, rng


if __name__ == "__main__":
    chosen, test, rng = main()
    json.dump(chosen, open(OUT, "w"), ensure_ascii=False, indent=1)
    c = collections.Counter
    print("sections", c(f["section"] for f in chosen))
    print("strata", c(f["stratum"] for f in chosen))
    print("why", c(f["why"] for f in chosen))
    print("interviews", sum(f["interview"] for f in chosen), "wire", sum(f["wire"] for f in chosen))
    print("split", c(f["split"] for f in chosen))
    print("est quotes", round(sum(f["est"] for f in chosen)))
    print("n_g<=1", sum(f["n_g"] <= 1 for f in chosen))
    print("test by section", c(f["section"] for f in chosen if f["split"] == "test"))
