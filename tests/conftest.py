"""Shared fixtures: the real spaCy pipeline loaded once, and small models trained once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from veille.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def analyzer_without_models(nlp):
    from veille.analyzer import Analyzer

    return Analyzer(nlp)


@pytest.fixture(scope="session")
def corpus_articles():
    from veille.corpus import load_corpus

    return load_corpus(CORPUS)


@pytest.fixture(scope="session")
def small_corpus(corpus_articles):
    """A deterministic slice of the corpus, with every stance and most topics represented."""
    from veille.corpus import split_articles

    split = split_articles(corpus_articles)
    return split["train"][:70] + split["test"][:20]


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory, small_corpus, analyzer_without_models):
    from veille.training import train

    folder = tmp_path_factory.mktemp("models")
    train(small_corpus, folder, progress=lambda message: None, cross_validation=False,
          analyzer=analyzer_without_models)
    return folder


@pytest.fixture(scope="session")
def analyzer(nlp, models_dir):
    from veille.analyzer import Analyzer
    from veille.classify.persist import load_models
    from veille.nlp.pipeline import model_version

    return Analyzer(nlp, load_models(models_dir, model_version(nlp)))
