"""Agreement between the corpus's labels and a second annotator's blind re-labelling of a sample."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.metrics import cohen_kappa_score, f1_score

from veille.corpus import Article, locate_quote_parts
from veille.evaluation.quotes import SystemQuote, Tally, score_article, summarise
from veille.labels import STANCE_IDS, TOPIC_IDS
from veille.nlp.quotes import Quote


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
        score_article(article, [SystemQuote(q.type, q.parts, q.speaker) for q in quotes], tally)
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
