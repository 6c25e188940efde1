"""Scoring the quote extractor against annotated quotes: detection, exact match, speakers and pairs.

Quotes match one to one when their word tokens overlap with IoU >= 0.5; exact match compares the words
with marks, spaces and final punctuation stripped. Speakers are scored on matched quotes, and a
(quote, speaker) pair counts only when both are right; an acronym the article defines ("… (AMF)") and its
full name are the same speaker. Gold quotes are offsets into the article's text
(the corpus's located parts, or the real-press labels); a gold quote that carries a `speaker_kind` is also
counted by kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.analyzer import Analyzer, ParsedArticle
from veille.corpus import Article, split_articles
from veille.nlp.quotes import QUOTE_TYPES, Quote
from veille.nlp.quotes.marks import find_marked_spans

IOU_THRESHOLD = 0.5
WORD_RE = re.compile(r"\w+")
DETERMINERS = ("le ", "la ", "l'", "l’", "les ", "un ", "une ", "des ", "ce ", "cette ", "son ", "sa ")
ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z0-9]{1,9})\)")
# How far before "(ACR)" its full name is looked for, in chars.
ACRONYM_NAME_CHARS = 160
STRIP_CHARS = " \u00a0\u202f«»“”„\"'’.,;:!?…–—-()\n"


@dataclass
class Tally:
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUOTE_TYPES, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUOTE_TYPES, 0))
    matched_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUOTE_TYPES, 0))
    matched_predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUOTE_TYPES, 0))
    exact: int = 0
    speaker_right: int = 0
    matched: int = 0
    errors: list[str] = field(default_factory=list)
    # gold speaker_kind -> [matched, speaker right]; gold pattern -> [gold, matched]
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    by_pattern: dict[str, list[int]] = field(default_factory=dict)


def _token_set(text: str, parts: list[tuple[int, int]], tokens: list[tuple[int, int]]) -> set[int]:
    return {i for i, (s, e) in enumerate(tokens) for ps, pe in parts if s >= ps and e <= pe}


def _normalised(text: str) -> str:
    return " ".join(text.replace("’", "'").strip(STRIP_CHARS).split()).lower()


def speaker_is_right(gold: str | None, predicted: str | None, other_people: set[str]) -> bool:
    """The gold name's surname (or the gold role phrase) is in the prediction, and it names nobody else."""
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    gold_l, predicted_l = gold.lower().replace("’", "'"), predicted.lower().replace("’", "'")
    if gold_l.startswith(DETERMINERS):
        key = gold_l.split(" ", 1)[1] if " " in gold_l else gold_l
        key = key.removeprefix("l'")
        if gold_l.startswith(("l'", "l’")):
            key = gold_l[2:]
        key = " ".join(key.split()[:3])
    else:
        key = gold_l.split()[-1]
    if key not in predicted_l:
        return False
    return not any(person.lower().split()[-1] in predicted_l for person in other_people
                   if person.lower().split()[-1] not in gold_l)


def defined_acronyms(text: str) -> dict[str, str]:
    """The acronyms an article defines in parentheses, each with the text before it (in lower case)."""
    return {match.group(1): _normalised(text[max(0, match.start() - ACRONYM_NAME_CHARS):match.start()])
            for match in ACRONYM_RE.finditer(text)}


def same_organisation(gold: str | None, predicted: str | None, acronyms: dict[str, str]) -> bool:
    """One names the organisation by its acronym, the other by the full name written before "(ACR)"."""
    if not gold or not predicted:
        return False
    for acronym, before in acronyms.items():
        for short, full in ((gold, predicted), (predicted, gold)):
            core = _normalised(full)
            core = core.split(" ", 1)[1] if core.startswith(DETERMINERS) and " " in core else core
            core = core.removeprefix("l'")
            if acronym in short.split() or short.endswith("'" + acronym) or short.endswith("’" + acronym):
                if len(core.split()) >= 2 and core in before:
                    return True
    return False


MAX_ERRORS = 400  # the misses and mistakes kept for `--errors`


def score_article(article: Article, predicted: list[Quote], tally: Tally
                  ) -> list[tuple[int, int, bool]]:
    """Tally one article; return the matches as (gold index, predicted index, speaker right)."""
    text = article.text
    people = {q.speaker for q in article.quotes
              if isinstance(q.speaker, str) and not q.speaker.lower().startswith(DETERMINERS)}
    for quote in article.quotes:
        tally.gold[quote.type] = tally.gold.get(quote.type, 0) + 1
        tally.by_pattern.setdefault(quote.pattern, [0, 0])[0] += 1
    for quote in predicted:
        tally.predicted[quote.type] = tally.predicted.get(quote.type, 0) + 1
    acronyms = defined_acronyms(text)
    matches = []
    for g, p in _one_to_one(text, article.quotes, predicted):
        gold, system = article.quotes[g], predicted[p]
        right = speaker_is_right(gold.speaker_name, system.speaker_name, people - {gold.speaker_name}) \
            or same_organisation(gold.speaker_name, system.speaker_name, acronyms)
        _tally_match(tally, article.id, text, gold, system, right)
        matches.append((g, p, right))
    matched_gold, matched_predicted = {g for g, _, _ in matches}, {p for _, p, _ in matches}
    for g, gold in enumerate(article.quotes):
        if g not in matched_gold:
            _note(tally, f"{article.id}: missed {gold.type}/{gold.pattern}: {_words(text, gold)[:80]!r}")
    for p, system in enumerate(predicted):
        if p not in matched_predicted:
            _note(tally, f"{article.id}: spurious {system.type}: {_words(text, system)[:80]!r}")
    return matches


def _one_to_one(text: str, gold: list[Quote], predicted: list[Quote]) -> list[tuple[int, int]]:
    """Gold and predicted quotes paired one to one, best word-token IoU first, IoU >= IOU_THRESHOLD."""
    tokens = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
    gold_sets = [_token_set(text, q.parts, tokens) for q in gold]
    predicted_sets = [_token_set(text, q.parts, tokens) for q in predicted]
    candidates = []
    for g, gold_set in enumerate(gold_sets):
        for p, predicted_set in enumerate(predicted_sets):
            union = gold_set | predicted_set
            iou = len(gold_set & predicted_set) / len(union) if union else 0.0
            if iou >= IOU_THRESHOLD:
                candidates.append((iou, g, p))
    used_gold, used_predicted, pairs = set(), set(), []
    for _, g, p in sorted(candidates, reverse=True):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _tally_match(tally: Tally, article_id: str, text: str, gold: Quote, system: Quote, right: bool) -> None:
    tally.matched += 1
    tally.matched_gold[gold.type] += 1
    tally.matched_predicted[system.type] = tally.matched_predicted.get(system.type, 0) + 1
    gold_words = _words(text, gold)
    if _normalised(gold_words) == _normalised(_words(text, system)):
        tally.exact += 1
    tally.by_pattern[gold.pattern][1] += 1
    if gold.speaker_kind is not None:
        counts = tally.by_kind.setdefault(gold.speaker_kind, [0, 0])
        counts[0] += 1
        counts[1] += right
    if right:
        tally.speaker_right += 1
    else:
        _note(tally, f"{article_id}: speaker {system.speaker_name!r} for gold {gold.speaker_name!r}: "
                     f"{gold_words[:70]!r}")


def _words(text: str, quote: Quote) -> str:
    return " ".join(text[s:e] for s, e in quote.parts)


def _note(tally: Tally, error: str) -> None:
    if len(tally.errors) < MAX_ERRORS:
        tally.errors.append(error)


def _prf(tp_predicted: int, predicted: int, tp_gold: int, gold: int) -> dict:
    precision = tp_predicted / predicted if predicted else 0.0
    recall = tp_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": gold, "predicted": predicted}


def summarise(tally: Tally) -> dict:
    gold, predicted = sum(tally.gold.values()), sum(tally.predicted.values())
    pairs = tally.speaker_right
    summary = {
        "per_type": {t: _prf(tally.matched_predicted.get(t, 0), tally.predicted.get(t, 0),
                             tally.matched_gold.get(t, 0), tally.gold.get(t, 0)) for t in QUOTE_TYPES},
        "all": _prf(tally.matched, predicted, tally.matched, gold),
        "exact": _prf(tally.exact, predicted, tally.exact, gold),
        "speaker_accuracy": round(tally.speaker_right / tally.matched, 4) if tally.matched else 0.0,
        "pairs": _prf(pairs, predicted, pairs, gold),
        "recall_by_pattern": {pattern: {"gold": n, "matched": m, "recall": round(m / n, 4)}
                              for pattern, (n, m) in sorted(tally.by_pattern.items())},
    }
    if tally.by_kind:
        summary["speaker_accuracy_by_kind"] = {
            kind: {"matched": n, "right": r, "accuracy": round(r / n, 4) if n else 0.0}
            for kind, (n, r) in sorted(tally.by_kind.items())}
    return summary


def system_quotes(parsed: ParsedArticle) -> list[Quote]:
    """The extractor's quotes of an article, back from their records (the speaker as its name)."""
    return [Quote(q["type"], tuple((s, e) for s, e in q["parts"]), speaker=q["speaker"])
            for q in parsed.quotes]


def baseline_quotes(parsed: ParsedArticle) -> list[Quote]:
    """Pair the quotation marks; the nearest person entity is the speaker."""
    people = [m for m in parsed.mentions if m.label == "PER"]
    quotes = []
    for span in find_marked_spans(parsed.text)[0]:
        nearest = min(people, key=lambda m: min(abs(m.start - span.end), abs(m.end - span.open_at)),
                      default=None)
        quotes.append(Quote("direct", tuple(span.parts), speaker=nearest.text if nearest else None))
    return quotes


def evaluate_quotes(analyzer: Analyzer, articles: list[Article], sets: tuple[str, ...] = ("test", "challenge")
                    ) -> dict:
    split = split_articles(articles)
    return score_quote_sets(analyzer, {name: split[name] for name in sets})


def score_quote_sets(analyzer: Analyzer, sets: dict[str, list[Article]]) -> dict:
    """Each named set of articles with gold quotes (offsets into article.text): veille and the baseline."""
    report = {}
    for name, members in sets.items():
        if not members:
            continue
        system, baseline = Tally(), Tally()
        # The raw text (normalised one for one inside parse_texts): the gold offsets point into it.
        for article, parsed in zip(members, analyzer.parse_texts([a.text for a in members]), strict=True):
            score_article(article, system_quotes(parsed), system)
            score_article(article, baseline_quotes(parsed), baseline)
        report[name] = {"articles": len(members), "system": summarise(system),
                        "baseline": summarise(baseline), "errors": system.errors}
    return report


def format_quote_report(report: dict, show_errors: int = 0, breakdown: bool = False) -> str:
    """Markdown tables per set; breakdown adds speaker accuracy by gold speaker kind and recall by pattern."""
    lines = []
    for name, result in report.items():
        lines += [f"## {name} set ({result['articles']} articles)", "",
                  "| measure | veille P | veille R | veille F1 | baseline P | baseline R | baseline F1 |",
                  "|---|---|---|---|---|---|---|"]
        rows = [(f"{t} (IoU>=0.5)", result["system"]["per_type"][t], result["baseline"]["per_type"][t])
                for t in QUOTE_TYPES]
        rows += [("all (IoU>=0.5)", result["system"]["all"], result["baseline"]["all"]),
                 ("all (exact)", result["system"]["exact"], result["baseline"]["exact"]),
                 ("pairs (quote+speaker)", result["system"]["pairs"], result["baseline"]["pairs"])]
        for label, system, baseline in rows:
            lines.append(f"| {label} | {system['precision']:.3f} | {system['recall']:.3f} | "
                         f"{system['f1']:.3f} | {baseline['precision']:.3f} | {baseline['recall']:.3f} | "
                         f"{baseline['f1']:.3f} |")
        accuracy = result["system"]["speaker_accuracy"], result["baseline"]["speaker_accuracy"]
        lines += ["", f"speaker accuracy on matched quotes: veille {accuracy[0]:.3f}, "
                      f"baseline {accuracy[1]:.3f}", ""]
        if breakdown:
            lines += _breakdown_tables(result)
        if show_errors:
            lines += [f"- {error}" for error in result["errors"][:show_errors]] + [""]
    return "\n".join(lines)


def _breakdown_tables(result: dict) -> list[str]:
    system, baseline = result["system"], result["baseline"]
    lines = []
    kinds = sorted(set(system.get("speaker_accuracy_by_kind", {})) |
                   set(baseline.get("speaker_accuracy_by_kind", {})))
    if kinds:
        lines += ["| gold speaker kind | veille matched | veille speaker accuracy | baseline matched | "
                  "baseline speaker accuracy |", "|---|---|---|---|---|"]
        empty = {"matched": 0, "accuracy": 0.0}
        for kind in kinds:
            mine = system.get("speaker_accuracy_by_kind", {}).get(kind, empty)
            theirs = baseline.get("speaker_accuracy_by_kind", {}).get(kind, empty)
            lines.append(f"| {kind} | {mine['matched']} | {mine['accuracy']:.3f} | {theirs['matched']} | "
                         f"{theirs['accuracy']:.3f} |")
        lines.append("")
    lines += ["| gold pattern | gold | veille recall | baseline recall |", "|---|---|---|---|"]
    for pattern, figures in sorted(system["recall_by_pattern"].items(), key=lambda item: -item[1]["gold"]):
        other = baseline["recall_by_pattern"].get(pattern, {"recall": 0.0})
        lines.append(f"| {pattern} | {figures['gold']} | {figures['recall']:.3f} | {other['recall']:.3f} |")
    return lines + [""]
