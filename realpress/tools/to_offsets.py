"""Convert an annotators' working file (parts as text) into the committable format (offsets only).
Usage: python3 to_offsets.py WORK.jsonl OUT.jsonl
Fails (exit 1, nothing written) naming the article and the quote/part when anything is wrong.
Matching: a part is searched verbatim in the body, where every kind of space (normal, non-breaking, narrow,
thin) counts as one space and ’ ‘ as ' (one character for one, so offsets are the body's). Leading and trailing
spaces of a part are dropped. The first part of a quote is searched from the previous quote's first-part start
(optional "skip": k skips k earlier matches, e.g. a subheading repeating the words), each further part from the
end of the part before. The cue is the occurrence nearest to the quote's parts (within 400 characters) that does
not overlap them."""
import hashlib
import json
import sys

from poolutil import load_pool, norm
from vocab import MAX_LABEL_WORDS, NULL_CUE_PATTERNS, PATTERNS, QUOTE_KEYS_WORK, SPEAKER_KINDS, TYPE_PATTERNS, TYPES

WS = " \t\n"


class Fault(Exception):
    pass


def label_ok(where, name, value, errors):
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        errors.append("%s: %s must be a non-empty string or null" % (where, name))
    elif len(value.split()) > MAX_LABEL_WORDS:
        errors.append("%s: %s has more than %d words (labels only, no text): %r"
                      % (where, name, MAX_LABEL_WORDS, value))


def find_cue(nb, cue, spans, errors, where):
    c = norm(cue).strip(WS)
    if not c:
        errors.append("%s: empty cue (use null)" % where)
        return None
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    best = None
    i = nb.find(c, max(0, lo - 400))
    while 0 <= i <= hi + 400:
        j = i + len(c)
        if not any(i < e and s < j for s, e in spans):
            d = 0 if lo <= i and j <= hi else min(abs(i - hi), abs(lo - j), abs(i - lo), abs(j - hi))
            if best is None or d < best[0]:
                best = (d, i, j)
        i = nb.find(c, i + 1)
    if best is None:
        errors.append("%s: cue %r not found verbatim within 400 characters of the quote (outside its parts)"
                      % (where, cue))
        return None
    return [best[1], best[2]]


def convert_article(rec, art, warnings):
    aid = art["id"]
    body = rec["body"]
    nb = norm(body)
    errors = []
    out_quotes = []
    prev_start = 0
    all_spans = []
    if not isinstance(art.get("annotator"), str) or not art["annotator"].strip():
        errors.append("article %s: missing annotator" % aid)
    quotes = art.get("quotes")
    if not isinstance(quotes, list):
        raise Fault("article %s: 'quotes' must be a list" % aid)
    for qi, q in enumerate(quotes, 1):
        where = "article %s, quote %d" % (aid, qi)
        extra = set(q) - QUOTE_KEYS_WORK
        if extra:
            errors.append("%s: unknown keys %s" % (where, sorted(extra)))
        if q.get("type") not in TYPES:
            errors.append("%s: type %r not in %s" % (where, q.get("type"), sorted(TYPES)))
        if q.get("pattern") not in PATTERNS:
            errors.append("%s: pattern %r not in %s" % (where, q.get("pattern"), sorted(PATTERNS)))
        if q.get("type") in TYPES and q.get("pattern") in PATTERNS and \
                q["pattern"] not in TYPE_PATTERNS[q["type"]]:
            errors.append("%s: pattern %s does not go with type %s (allowed: %s)"
                          % (where, q["pattern"], q["type"], sorted(TYPE_PATTERNS[q["type"]])))
        sk = q.get("speaker_kind")
        if q.get("speaker") is None:
            if sk is not None:
                errors.append("%s: speaker is null, so speaker_kind must be null" % where)
        elif sk not in SPEAKER_KINDS:
            errors.append("%s: speaker_kind %r not in %s" % (where, sk, sorted(SPEAKER_KINDS)))
        for name in ("speaker", "speaker_title", "speaker_org"):
            label_ok(where, name, q.get(name), errors)
        parts = q.get("parts")
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) for p in parts):
            errors.append("%s: parts must be a non-empty list of strings" % where)
            continue
        spans = []
        skip = q.get("skip", 0)
        for pi, part in enumerate(parts, 1):
            pw = "%s, part %d" % (where, pi)
            p = norm(part).strip(WS)
            if not p:
                errors.append("%s: empty part" % pw)
                break
            start_from = prev_start if pi == 1 else spans[-1][1]
            i = nb.find(p, start_from)
            if pi == 1:
                for _ in range(skip):
                    i = nb.find(p, i + 1) if i >= 0 else -1
            if i < 0:
                anywhere = nb.find(p)
                if anywhere >= 0:
                    errors.append("%s: %r found at offset %d but not after offset %d: quotes or parts out of "
                                  "order (list quotes by first appearance; parts in reading order)"
                                  % (pw, part[:60], anywhere, start_from))
                else:
                    errors.append("%s: not found verbatim in the body: %r" % (pw, part[:80]))
                break
            j = i + len(p)
            if pi == 1 and nb.find(p, j) >= 0 and len(p) < 40:
                warnings.append("%s: short part %r occurs again later; check the first occurrence after the "
                                "previous quote is the right one (else use \"skip\")" % (pw, part[:40]))
            spans.append([i, j])
        if len(spans) != len(parts):
            continue
        if q.get("type") in ("indirect", "mixed"):
            last = nb[spans[-1][0]:spans[-1][1]]
            if last[-1] in ",;:":
                errors.append("%s: the last part of an indirect or mixed quote ends with %r: leave it out"
                              % (where, last[-1]))
            elif last[-1] == ".":
                warnings.append("%s: the last part of an indirect or mixed quote ends with '.': leave the "
                                "sentence's final period out (keep it only for an abbreviation such as 'etc.')"
                                % where)
        for s, e in spans:
            for (s2, e2, qj) in all_spans:
                if s < e2 and s2 < e:
                    errors.append("%s: overlaps quote %d (nested or duplicated quote?)" % (where, qj))
        all_spans.extend((s, e, qi) for s, e in spans)
        prev_start = spans[0][0]
        cue = q.get("cue")
        cue_span = None
        if cue is not None:
            if not isinstance(cue, str):
                errors.append("%s: cue must be a string or null" % where)
            else:
                cue_span = find_cue(nb, cue, spans, errors, where)
        if q.get("pattern") in NULL_CUE_PATTERNS and cue is not None:
            errors.append("%s: pattern %s takes cue null" % (where, q.get("pattern")))
        oq = {"type": q.get("type"), "parts": spans, "speaker": q.get("speaker"),
              "speaker_kind": q.get("speaker_kind"), "cue": cue_span, "pattern": q.get("pattern")}
        for k in ("speaker_title", "speaker_org"):
            if q.get(k) is not None:
                oq[k] = q[k]
        out_quotes.append(oq)
    if errors:
        raise Fault("\n".join(errors))
    return {"id": aid, "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "annotator": art["annotator"], "quotes": out_quotes}


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    arts = []
    with open(argv[0], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    arts.append(json.loads(line))
                except json.JSONDecodeError as e:
                    print("line %d: not JSON: %s" % (n, e), file=sys.stderr)
                    return 1
    ids = [a.get("id") for a in arts]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        print("duplicate article ids: %s" % sorted(dup), file=sys.stderr)
        return 1
    pool = load_pool(ids)
    out, faults, warnings = [], [], []
    for art in arts:
        rec = pool.get(art.get("id"))
        if rec is None:
            faults.append("article %r: not in the pool" % art.get("id"))
            continue
        try:
            out.append(convert_article(rec, art, warnings))
        except Fault as e:
            faults.append(str(e))
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    if faults:
        print("\n".join(faults), file=sys.stderr)
        print("FAILED: %d article(s) with faults; nothing written" % len(faults), file=sys.stderr)
        return 1
    with open(argv[1], "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote %d articles, %d quotes to %s" % (len(out), sum(len(o["quotes"]) for o in out), argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
