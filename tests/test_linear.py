"""The numpy-only inference (classify.linear) gives scikit-learn's own numbers for the models veille fits."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from veille.classify.linear import LinearScores, TermWeights, class_probabilities, sigmoid
from veille.classify.model import fit_word_vectorizer, with_dense


@pytest.fixture(scope="module")
def documents(corpus_articles):
    # Lowercased words stand in for lemmas: the arithmetic is what is under test.
    return [" ".join(article.text.lower().split()) for article in corpus_articles[:120]]


@pytest.fixture(scope="module")
def vectorizer(documents):
    return fit_word_vectorizer(documents[:90], min_df=2)


def test_term_weights_reproduce_the_vectorizer(vectorizer, documents):
    weights = TermWeights.from_vectorizer(vectorizer)
    expected = vectorizer.transform(documents[90:]).toarray()
    for document, row in zip(documents[90:], expected, strict=True):
        columns, values = weights.row(document)
        dense = np.zeros(len(weights.terms))
        dense[columns] = values
        assert np.allclose(dense, row, atol=1e-12)
    assert weights.row("")[0].size == 0


def test_term_weights_refuse_a_vectorizer_they_cannot_reproduce(documents):
    with pytest.raises(ValueError, match="lowercase"):
        TermWeights.from_vectorizer(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2),
                                                    token_pattern=r"\S+").fit(documents[:5]))


@pytest.mark.filterwarnings("ignore:Label 2 is present in all training examples")
def test_linear_scores_reproduce_logistic_regressions(vectorizer, documents, corpus_articles):
    weights = TermWeights.from_vectorizer(vectorizer)
    rng = np.random.default_rng(0)
    dense = rng.normal(size=(len(documents), 3))
    features = with_dense(vectorizer.transform(documents), dense)
    rows = weights.rows(documents)
    stances = [article.stance for article in corpus_articles[:120]]

    binary = LogisticRegression(max_iter=500).fit(features[:90], [s == "sans_objet" for s in stances[:90]])
    probabilities = class_probabilities(LinearScores.from_estimators([binary]), rows[90:], dense[90:])
    assert np.allclose(probabilities, binary.predict_proba(features[90:]), atol=1e-10)

    multinomial = LogisticRegression(max_iter=500).fit(features[:90], stances[:90])
    assert len(multinomial.classes_) > 2
    probabilities = class_probabilities(LinearScores.from_estimators([multinomial]), rows[90:], dense[90:])
    assert np.allclose(probabilities, multinomial.predict_proba(features[90:]), atol=1e-10)

    # One-vs-rest over several labels, one of them constant in training (scikit-learn's constant predictor).
    targets = np.array([[s == "favorable", s != "sans_objet", True] for s in stances], dtype=int)
    ovr = OneVsRestClassifier(LogisticRegression(solver="liblinear")).fit(features[:90], targets[:90])
    scores = LinearScores.from_estimators(ovr.estimators_)
    assert np.allclose(sigmoid(scores.decision(rows[90:], dense[90:])), ovr.predict_proba(features[90:]),
                       atol=1e-10)
