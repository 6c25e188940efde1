"""Agreement between first labels and a second annotator's blind re-labelling: the corpus's sample, and the
real-press stance and quote labels."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score, f1_score

from veille.corpus import Article, locate_quote_parts
from veille.evaluation.quotes import Tally, score_article, summarise
from veille.labels import STANCE_IDS, TOPIC_IDS
from veille.nlp.quotes import QUOTE_TYPES, Quote


def load_second_annotations(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, filter(str.strip, handle))}


def agreement(articles: list[Article], second: dict[str, dict]) -> dict:
    """Per-topic F1 and stance kappa between the two annotators; quotes scored as the extractor is."""
    pairs = [(article, second[article.id]) for article in articles if article.id in second]
    if not pairs:
        raise ValueError("no article of the second annotation is in the corpus")
    first_topics = np.array([[t in a.topics for t in TOPIC_IDS] for a, _ in pairs], dtype=int)
    second_topics = np.array([[t in s["topics"] for t in TOPIC_IDS] for _, s in pairs], dtype=int)
    first_stance = [a.stance for a, _ in pairs]
    second_stance = [s["stance"] for _, s in pairs]
    tally = Tally()
    for article, labels in pairs:
        faults: list = []
        quotes: list[Quote] = locate_quote_parts(article.text, labels.get("quotes", []), faults,
                                                     article.id)
        score_article(article, quotes, tally)
    per_topic = f1_score(first_topics, second_topics, average=None, zero_division=0)
    quotes = summarise(tally)
    return {
        "articles": len(pairs),
        "topics": {"micro_f1": round(float(f1_score(first_topics, second_topics, average="micro")), 4),
                   "macro_f1": round(float(f1_score(first_topics, second_topics, average="macro",
                                                    zero_division=0)), 4),
                   "per_topic_f1": {t: round(float(f), 4) for t, f in zip(TOPIC_IDS, per_topic, strict=True)},
                   "first_label_agreement": round(float(np.mean(
                       [a.topics[0] == s["topics"][0] for a, s in pairs])), 4)},
        "stance": {"kappa": round(float(cohen_kappa_score(first_stance, second_stance,
                                                          labels=list(STANCE_IDS))), 4),
                   "accuracy": round(float(np.mean([f == s for f, s in zip(first_stance, second_stance,
                                                                            strict=True)])), 4),
                   "disagreements": [(a.id, a.stance, s["stance"]) for a, s in pairs
                                     if a.stance != s["stance"]]},
        "quotes": {"f1_iou_0_5": quotes["all"]["f1"], "exact_f1": quotes["exact"]["f1"],
                   "per_type_f1": {t: v["f1"] for t, v in quotes["per_type"].items()},
                   "speaker_agreement": quotes["speaker_accuracy"], "pair_f1": quotes["pairs"]["f1"],
                   "first_annotator_quotes": quotes["all"]["gold"],
                   "second_annotator_quotes": quotes["all"]["predicted"]},
    }


# ---- real press: first labels against blind second labels ------------------------------------------------

FIGURES_START = "<!-- figures: written by `veille evaluate agreement`; edit only outside these marks -->"
FIGURES_END = "<!-- end of figures -->"


def cohen_kappa(first: list[str], second: list[str], labels: list[str]) -> float:
    """Cohen's kappa: (observed - expected agreement) / (1 - expected), expected from the two marginals."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two label lists of the same, non-zero length")
    count = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / count
    expected = sum(first.count(label) * second.count(label) for label in labels) / count ** 2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def stance_agreement(first: dict[str, str], second: dict[str, str]) -> dict:
    """Stance labels of the doubly labelled articles: kappa, raw agreement, counts, confusion."""
    ids = sorted(set(first) & set(second))
    if not ids:
        raise ValueError("no article has both a first and a second stance label")
    a, b = [first[i] for i in ids], [second[i] for i in ids]
    labels = list(STANCE_IDS)
    subject_a = ["sans_objet" if x == "sans_objet" else "subject" for x in a]
    subject_b = ["sans_objet" if x == "sans_objet" else "subject" for x in b]
    polar = [(x, y) for x, y in zip(a, b, strict=True) if "sans_objet" not in (x, y)]
    return {
        "articles": len(ids),
        "kappa": round(cohen_kappa(a, b, labels), 4),
        "raw_agreement": round(float(np.mean([x == y for x, y in zip(a, b, strict=True)])), 4),
        "counts": {label: {"first": a.count(label), "second": b.count(label)} for label in labels},
        "confusion": {"labels": labels, "matrix": [
            [sum(x == row and y == column for x, y in zip(a, b, strict=True)) for column in labels]
            for row in labels]},
        "subject_kappa": round(cohen_kappa(subject_a, subject_b, ["sans_objet", "subject"]), 4),
        "polarity_when_both_see_a_subject": {
            "articles": len(polar),
            "raw_agreement": round(float(np.mean([x == y for x, y in polar])), 4) if polar else 0.0},
        "disagreements": [[i, x, y] for i, x, y in zip(ids, a, b, strict=True) if x != y],
    }


def quote_agreement(pairs: list[tuple[Article, list]]) -> dict:
    """The first annotation as reference, the second as prediction, with the extractor's scorer; on matched
    quotes also how often type, pattern and speaker kind agree, and the commonest differences."""
    tally = Tally()
    same: Counter = Counter()
    differences: dict[str, Counter] = {"type": Counter(), "pattern": Counter(), "speaker_kind": Counter()}
    for article, second in pairs:
        matches = score_article(article, second, tally)
        for g, p, _ in matches:
            for attribute, counter in differences.items():
                x, y = getattr(article.quotes[g], attribute), getattr(second[p], attribute)
                if x == y:
                    same[attribute] += 1
                else:
                    counter[f"{x} -> {y}"] += 1
    summary = summarise(tally)
    matched = tally.matched
    return {
        "articles": len(pairs), "first_quotes": summary["all"]["gold"],
        "second_quotes": summary["all"]["predicted"], "matched": matched,
        "all": summary["all"], "exact": summary["exact"], "per_type": summary["per_type"],
        "pairs": summary["pairs"], "speaker_agreement": summary["speaker_accuracy"],
        "speaker_agreement_by_kind": summary.get("speaker_accuracy_by_kind", {}),
        **{f"{attribute}_agreement": round(same[attribute] / matched, 4) if matched else 0.0
           for attribute in differences},
        "differences": {attribute: counter.most_common(8) for attribute, counter in differences.items()},
        "first_recall_by_pattern": summary["recall_by_pattern"],
        "second_unmatched_by_type": {t: tally.predicted.get(t, 0) - tally.matched_predicted.get(t, 0)
                                     for t in QUOTE_TYPES},
    }


def agreement_markdown(stance: dict, quotes: dict | None, pool: str) -> str:
    """The figures of AGREEMENT.md: ids, labels and counts only, never a word of an article."""
    labels = stance["confusion"]["labels"]
    polar = stance["polarity_when_both_see_a_subject"]
    lines = [f"Computed by `veille evaluate agreement` ({pool}).", "",
             f"## Stance: {stance['articles']} articles labelled twice, blind", "",
             f"- Cohen's kappa {stance['kappa']:.3f}, raw agreement {stance['raw_agreement']:.3f}",
             f"- subject or not (sans_objet against the three others): kappa {stance['subject_kappa']:.3f}",
             f"- polarity where both see a subject ({polar['articles']} articles): raw agreement "
             f"{polar['raw_agreement']:.3f}", "",
             "| label | first | second |", "|---|---|---|"]
    lines += [f"| {label} | {c['first']} | {c['second']} |" for label, c in stance["counts"].items()]
    lines += ["", "Confusion (rows: first label, columns: second label)", "",
              "| | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    lines += [f"| {label} | " + " | ".join(str(v) for v in row) + " |"
              for label, row in zip(labels, stance["confusion"]["matrix"], strict=True)]
    lines += ["", "Disagreements (id: first -> second): " + ", ".join(
        f"{i}: {x} -> {y}" for i, x, y in stance["disagreements"]), ""]
    if quotes is None:
        return "\n".join(lines + ["## Quotes", "", "not computed: the pool was not found", ""])
    lines += [f"## Quotes: {quotes['articles']} articles annotated twice, blind", "",
              f"First annotation as reference ({quotes['first_quotes']} quotes), second as prediction "
              f"({quotes['second_quotes']} quotes), scored as the extractor is (word-token IoU >= 0.5); "
              f"{quotes['matched']} matched.", "",
              "| measure | P | R | F1 |", "|---|---|---|---|"]
    rows = [(f"{t} (IoU>=0.5)", quotes["per_type"][t]) for t in QUOTE_TYPES]
    rows += [("all (IoU>=0.5)", quotes["all"]), ("all (exact)", quotes["exact"]),
             ("pairs (quote+speaker)", quotes["pairs"])]
    lines += [f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |" for name, r in rows]
    lines += ["", "On matched quotes: speaker agreement " f"{quotes['speaker_agreement']:.3f}, type "
              f"{quotes['type_agreement']:.3f}, pattern {quotes['pattern_agreement']:.3f}, speaker kind "
              f"{quotes['speaker_kind_agreement']:.3f}.", "",
              "| first speaker kind | matched | speaker agreement |", "|---|---|---|"]
    lines += [f"| {kind} | {v['matched']} | {v['accuracy']:.3f} |"
              for kind, v in quotes["speaker_agreement_by_kind"].items()]
    lines += ["", "| first pattern | quotes | found by the second |", "|---|---|---|"]
    lines += [f"| {pattern} | {v['gold']} | {v['recall']:.3f} |" for pattern, v in
              sorted(quotes["first_recall_by_pattern"].items(), key=lambda item: -item[1]["gold"])]
    lines += ["", "Second annotation's quotes with no match, by type: " + ", ".join(
        f"{t} {n}" for t, n in quotes["second_unmatched_by_type"].items()), ""]
    for attribute, common in quotes["differences"].items():
        lines.append(f"Commonest {attribute} differences on matched quotes (first -> second): " +
                     (", ".join(f"{pair} ({n})" for pair, n in common) or "none"))
    return "\n".join(lines + [""])


def write_agreement(path: Path, figures: str) -> None:
    """Put the figures between their marks, keeping what is written around them (the reading)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{FIGURES_START}\n\n{figures}\n{FIGURES_END}"
    if FIGURES_START in text and FIGURES_END in text:
        before, rest = text.split(FIGURES_START, 1)
        text = before + block + rest.split(FIGURES_END, 1)[1]
    else:
        text = ("# Real-press annotator agreement\n\nFirst labels against blind second labels "
                f"(realpress/README.md).\n\n{block}\n\n## Reading\n\n(where the annotators disagree: to be "
                "written from the figures)\n")
    path.write_text(text, encoding="utf-8")
