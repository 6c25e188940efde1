"""Re-validate a committable real-press quote file against the pool and print counts.
Usage: python3 check.py OUT.jsonl [--show ID]     (--show prints the located texts, on screen only)
Exit 1 when any record is wrong."""
import collections
import hashlib
import json
import sys

from poolutil import load_pool
from vocab import MAX_LABEL_WORDS, NULL_CUE_PATTERNS, PATTERNS, QUOTE_KEYS_OUT, SPEAKER_KINDS, TYPE_PATTERNS, TYPES

ART_KEYS = {"id", "body_sha256", "annotator", "quotes"}


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    arts = [json.loads(l) for l in open(argv[0], encoding="utf-8") if l.strip()]
    pool = load_pool([a["id"] for a in arts])
    errs = []
    c_type, c_pat, c_kind, c_tp = (collections.Counter() for _ in range(4))
    per_art = {}
    seen = set()
    for a in arts:
        aid = a.get("id")
        w = "article %s" % aid
        if aid in seen:
            errs.append("%s: duplicate" % w)
        seen.add(aid)
        if set(a) != ART_KEYS:
            errs.append("%s: keys %s, expected %s (no text fields allowed)" % (w, sorted(a), sorted(ART_KEYS)))
        rec = pool.get(aid)
        if rec is None:
            errs.append("%s: not in the pool" % w)
            continue
        body = rec["body"]
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != a.get("body_sha256"):
            errs.append("%s: body_sha256 does not match the pool's body" % w)
        prev = -1
        spans_all = []
        for qi, q in enumerate(a.get("quotes", []), 1):
            qw = "%s quote %d" % (w, qi)
            if set(q) - QUOTE_KEYS_OUT or not {"type", "parts", "speaker", "speaker_kind", "cue", "pattern"} <= set(q):
                errs.append("%s: keys %s" % (qw, sorted(q)))
            if q.get("type") not in TYPES:
                errs.append("%s: type %r" % (qw, q.get("type")))
            if q.get("pattern") not in PATTERNS:
                errs.append("%s: pattern %r" % (qw, q.get("pattern")))
            if q.get("type") in TYPES and q.get("pattern") in PATTERNS and \
                    q["pattern"] not in TYPE_PATTERNS[q["type"]]:
                errs.append("%s: pattern %s does not go with type %s" % (qw, q["pattern"], q["type"]))
            if q.get("pattern") in NULL_CUE_PATTERNS and q.get("cue") is not None:
                errs.append("%s: pattern %s takes cue null" % (qw, q["pattern"]))
            if (q.get("speaker") is None) != (q.get("speaker_kind") is None) or \
                    (q.get("speaker_kind") is not None and q["speaker_kind"] not in SPEAKER_KINDS):
                errs.append("%s: speaker/speaker_kind %r/%r" % (qw, q.get("speaker"), q.get("speaker_kind")))
            for k in ("speaker", "speaker_title", "speaker_org"):
                v = q.get(k)
                if v is not None and (not isinstance(v, str) or len(v.split()) > MAX_LABEL_WORDS):
                    errs.append("%s: %s is not a short label" % (qw, k))
            parts = q.get("parts") or []
            if not parts:
                errs.append("%s: no parts" % qw)
            last_end = -1
            for pi, sp in enumerate(parts, 1):
                if not (isinstance(sp, list) and len(sp) == 2 and all(isinstance(x, int) for x in sp)
                        and 0 <= sp[0] < sp[1] <= len(body)):
                    errs.append("%s part %d: bad span %r" % (qw, pi, sp))
                    continue
                if sp[0] < last_end:
                    errs.append("%s part %d: out of order or overlapping" % (qw, pi))
                txt = body[sp[0]:sp[1]]
                if txt != txt.strip():
                    errs.append("%s part %d: starts or ends with a space" % (qw, pi))
                for s2, e2, qj in spans_all:
                    if sp[0] < e2 and s2 < sp[1]:
                        errs.append("%s part %d: overlaps quote %d" % (qw, pi, qj))
                last_end = sp[1]
            if parts and isinstance(parts[0], list):
                if parts[0][0] < prev:
                    errs.append("%s: not in order of appearance" % qw)
                prev = parts[0][0]
                spans_all.extend((s, e, qi) for s, e in parts if isinstance(s, int))
            cue = q.get("cue")
            if cue is not None:
                if not (isinstance(cue, list) and len(cue) == 2 and 0 <= cue[0] < cue[1] <= len(body)):
                    errs.append("%s: bad cue span %r" % (qw, cue))
                elif any(cue[0] < e and s < cue[1] for s, e in parts):
                    errs.append("%s: cue overlaps its parts" % qw)
            c_type[q.get("type")] += 1
            c_pat[q.get("pattern")] += 1
            c_kind[q.get("speaker_kind")] += 1
            c_tp[(q.get("type"), q.get("pattern"))] += 1
            if show == aid:
                print("%2d %-8s %-16s %-12s %s | cue=%r" % (qi, q["type"], q["pattern"], q["speaker_kind"],
                                                            q["speaker"], body[cue[0]:cue[1]] if cue else None))
                for s, e in parts:
                    print("      [%d:%d] %s" % (s, e, body[s:e]))
        per_art[aid] = len(a.get("quotes", []))
    if show:
        return 0
    total = sum(c_type.values())
    print("articles %d, quotes %d (%.1f per article)" % (len(arts), total, total / max(1, len(arts))))
    print("per type:", dict(c_type.most_common()))
    print("per pattern:", dict(c_pat.most_common()))
    print("per speaker_kind:", {str(k): v for k, v in c_kind.most_common()})
    if total:
        print("share organisation: %.1f %%" % (100 * c_kind["organisation"] / total))
    print("per article:", per_art)
    if errs:
        print("\n".join(errs), file=sys.stderr)
        print("FAILED: %d fault(s)" % len(errs), file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
