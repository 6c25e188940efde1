"""Training and evaluating the topic and stance models on a labelled corpus.

This module joins the two sides: the nlp side turns articles into features, the classify side fits
and scores estimators on them.
"""

from __future__ import annotations

import hashlib
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from veille.analyzer import Analyzer
from veille.classify.model import SEED, StanceClassifier, TopicClassifier
from veille.corpus import Article, split_articles
from veille.evaluation.models import (
    dummy_stance,
    dummy_topics,
    keyword_stance,
    keyword_topics,
    stance_report,
    topic_report,
)
from veille.evaluation.realpress import (
    PoolLocation,
    load_real_press,
    present_topics,
    stance_figures,
    topic_figures,
)
from veille.features import ArticleFeatures
from veille.labels import TOPIC_IDS
from veille.text import clean_text

Progress = Callable[[str], None]
CV_FOLDS = 5


def corpus_digest(articles: list[Article]) -> str:
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}\0{article.text}\0{article.topics}\0{article.stance}\n".encode())
    return digest.hexdigest()


def model_inputs(analyzer: Analyzer, articles: list[Article], n_process: int = 1) -> list[ArticleFeatures]:
    """Clean and parse articles as `classify` would, and keep what the classifiers read."""
    texts = [clean_text(article.text)[0] for article in articles]
    parsed = analyzer.parse_texts(texts, [article.title for article in articles], n_process=n_process,
                                  features_only=True)
    return [article.features for article in parsed]


def topic_labels(articles: list[Article]) -> list[str]:
    """The taxonomy's ids in their order, or a user corpus's own labels."""
    seen = {topic for article in articles for topic in article.topics}
    if seen <= set(TOPIC_IDS):
        return list(TOPIC_IDS)
    return sorted(seen)


def topic_targets(articles: list[Article], labels: list[str]) -> np.ndarray:
    targets = np.zeros((len(articles), len(labels)), dtype=int)
    for row, article in enumerate(articles):
        for topic in article.topics:
            targets[row, labels.index(topic)] = 1
    return targets


def fit_models(inputs: list[ArticleFeatures], articles: list[Article], labels: list[str]
               ) -> tuple[TopicClassifier, StanceClassifier]:
    topics = TopicClassifier(labels).fit(inputs, topic_targets(articles, labels))
    stance = StanceClassifier().fit(inputs, [article.stance for article in articles])
    return topics, stance


def predict(topics: TopicClassifier, stance: StanceClassifier, inputs: list[ArticleFeatures]
            ) -> tuple[np.ndarray, list[str]]:
    assigned = topics.assign(topics.predict_proba(inputs))
    predicted = np.zeros((len(inputs), len(topics.labels)), dtype=int)
    for row, columns in enumerate(assigned):
        predicted[row, columns] = 1
    from veille.labels import STANCE_IDS

    stances = [STANCE_IDS[int(k)] for k in stance.predict_proba(inputs).argmax(axis=1)]
    return predicted, stances


def evaluate_split(topics: TopicClassifier, stance: StanceClassifier, inputs: list[ArticleFeatures],
                   articles: list[Article], train_articles: list[Article]) -> dict:
    """The model's figures on one test set, beside a stratified dummy and a keyword rule."""
    labels = topics.labels
    truth = topic_targets(articles, labels)
    gold_stance = [article.stance for article in articles]
    predicted, predicted_stance = predict(topics, stance, inputs)
    train_targets = topic_targets(train_articles, labels)
    return {
        "articles": len(articles),
        "model": {"topics": topic_report(truth, predicted, labels),
                  "stance": stance_report(gold_stance, predicted_stance)},
        "dummy": {"topics": topic_report(truth, dummy_topics(train_targets, len(articles)), labels),
                  "stance": stance_report(gold_stance, dummy_stance(
                      [a.stance for a in train_articles], len(articles)))},
        "keywords": {"topics": topic_report(truth, keyword_topics(inputs, labels), labels),
                     "stance": stance_report(gold_stance, keyword_stance(inputs))},
    }


def evaluate_real_press(topics: TopicClassifier, stance: StanceClassifier, analyzer: Analyzer,
                        location: PoolLocation, train_articles: list[Article],
                        progress: Progress = lambda message: None) -> dict:
    """Topics (dev, test) and stance (dev, test, all) on the real-press sets, beside the baselines; only
    says where the pool was looked for when there is none. Never trains on the pool."""
    if not location.found:
        return {"found": False, "message": location.describe()}
    started = time.perf_counter()
    real = load_real_press(location, parts=("topics", "stance"))
    timing = {"load": round(time.perf_counter() - started, 1)}
    labels = topics.labels
    present = present_topics(real.topics, labels)
    train_targets = topic_targets(train_articles, labels)
    result: dict = {"found": True, "pool": str(location.path), "reason": location.reason,
                    "labels_folder": str(location.labels), "present_labels": present,
                    "topics": {}, "stance": {}}
    clock = time.perf_counter()
    for name, members in real.topics.items():
        progress(f"real press: topics, {name} set ({len(members)} articles)")
        items = model_inputs(analyzer, members)
        predicted, _ = predict(topics, stance, items)
        result["topics"][name] = topic_figures(members, items, predicted, labels, present, train_targets)
    timing["topics"] = round(time.perf_counter() - clock, 1)
    clock = time.perf_counter()
    train_stances = [article.stance for article in train_articles]
    everything, all_items, all_predicted = [], [], []
    for name, members in real.stance.items():
        progress(f"real press: stance, {name} set ({len(members)} articles)")
        items = model_inputs(analyzer, members)
        _, predicted_stance = predict(topics, stance, items)
        result["stance"][name] = stance_figures(members, items, predicted_stance, train_stances)
        everything += members
        all_items += items
        all_predicted += predicted_stance
    result["stance"]["all"] = stance_figures(everything, all_items, all_predicted, train_stances)
    timing["stance"] = round(time.perf_counter() - clock, 1)
    result["timing_seconds"] = timing
    return result


def cross_validate(inputs: list[ArticleFeatures], articles: list[Article], labels: list[str],
                   progress: Progress) -> dict:
    folds = KFold(n_splits=CV_FOLDS, shuffle=True, random_state=SEED)
    scores: dict[str, list[float]] = {"topics_micro_f1": [], "topics_macro_f1": [],
                                      "stance_macro_f1": [], "stance_accuracy": []}
    for number, (train_index, test_index) in enumerate(folds.split(inputs), 1):
        progress(f"cross-validation fold {number}/{CV_FOLDS}")
        train_items = [inputs[i] for i in train_index]
        train_articles = [articles[i] for i in train_index]
        topics, stance = fit_models(train_items, train_articles, labels)
        test_articles = [articles[i] for i in test_index]
        predicted, predicted_stance = predict(topics, stance, [inputs[i] for i in test_index])
        topic_figures = topic_report(topic_targets(test_articles, labels), predicted, labels)
        stance_figures = stance_report([a.stance for a in test_articles], predicted_stance)
        scores["topics_micro_f1"].append(topic_figures["micro_f1"])
        scores["topics_macro_f1"].append(topic_figures["macro_f1"])
        scores["stance_macro_f1"].append(stance_figures["macro_f1"])
        scores["stance_accuracy"].append(stance_figures["accuracy"])
    return {name: {"mean": round(float(np.mean(values)), 4), "std": round(float(np.std(values)), 4)}
            for name, values in scores.items()}


def library_versions() -> dict:
    import numpy
    import scipy
    import sklearn
    import spacy

    from veille import __version__

    return {"veille": __version__, "python": platform.python_version(), "spacy": spacy.__version__,
            "scikit-learn": sklearn.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__}


def train(articles: list[Article], out_dir: Path, progress: Progress, cross_validation: bool = True,
          analyzer: Analyzer | None = None, real_press: PoolLocation | None = None) -> dict:
    """Fit on the training split, evaluate on the held-out and challenge sets (and on real press when
    `real_press` is given: figures, or the line saying no pool was found), save to out_dir."""
    from veille.classify.model import settings_dict
    from veille.classify.persist import save_models, write_manifest
    from veille.nlp.pipeline import model_version

    started = time.perf_counter()
    analyzer = analyzer or Analyzer.load(need_models=False)
    split = split_articles(articles)
    labels = topic_labels(articles)
    progress(f"parsing {len(articles)} articles")
    everything = split["train"] + split["test"] + split["challenge"]
    inputs = model_inputs(analyzer, everything, n_process=min(2, os.cpu_count() or 1))
    n_train, n_test = len(split["train"]), len(split["test"])
    train_inputs, test_inputs = inputs[:n_train], inputs[n_train:n_train + n_test]
    challenge_inputs = inputs[n_train + n_test:]
    parse_seconds = time.perf_counter() - started

    progress(f"fitting on {n_train} training articles")
    topics, stance = fit_models(train_inputs, split["train"], labels)
    evaluation = {}
    for name, items, members in (("test", test_inputs, split["test"]),
                                 ("challenge", challenge_inputs, split["challenge"])):
        if members:
            evaluation[name] = evaluate_split(topics, stance, items, members, split["train"])
    if cross_validation and n_train >= 5 * CV_FOLDS:
        evaluation["cross_validation"] = cross_validate(train_inputs, split["train"], labels, progress)
    if real_press is not None:
        evaluation["real_press"] = evaluate_real_press(topics, stance, analyzer, real_press, split["train"],
                                                       progress)

    meta = {
        "versions": {**library_versions(), "spacy_model": model_version(analyzer.nlp)},
        "corpus": {"sha256": corpus_digest(articles), "articles": len(articles),
                   "train": n_train, "test": n_test, "challenge": len(split["challenge"])},
        "parameters": {"topics": settings_dict(topics.settings), "stance": settings_dict(stance.settings),
                       "seed": SEED},
        "metrics": evaluation,
        "timing_seconds": {"parse": round(parse_seconds, 1),
                           "total": round(time.perf_counter() - started, 1)},
    }
    saved = save_models(out_dir, topics, stance, meta)
    from veille.classify.card import write_model_card

    write_model_card(out_dir, saved)
    write_manifest(out_dir)  # the card and metrics.json too: every file of the folder has its digest
    return saved
