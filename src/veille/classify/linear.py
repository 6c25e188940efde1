"""The fitted models' arithmetic with numpy alone: what classifying an article needs once training is done.

scikit-learn fits the models (`make train`). Importing it costs 0.8 s here (scipy.stats and all), more than
the rest of a `veille classify` run after spaCy, while applying a fitted TF-IDF vectorizer and a logistic
regression is a dictionary lookup and a dot product. So the fitted estimators are reduced to their numbers:
TermWeights (vocabulary and idf) and LinearScores (coefficients and intercepts). Tests check that they give
scikit-learn's own results.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

# What the vectorizers are fitted with (model.fit_word_vectorizer): from_vectorizer refuses anything else.
TOKEN_PATTERN = r"\S+"
NGRAM_RANGE = (1, 2)
_TOKENS = re.compile(TOKEN_PATTERN)

SparseRow = tuple[np.ndarray, np.ndarray]  # column indices, values


@dataclass
class TermWeights:
    """A fitted TfidfVectorizer(token_pattern=r"\\S+", lowercase=False, ngram_range=(1, 2), sublinear_tf)."""

    terms: list[str]  # in column order
    idf: np.ndarray
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = {term: column for column, term in enumerate(self.terms)}

    @classmethod
    def from_vectorizer(cls, vectorizer) -> TermWeights:
        settings = vectorizer.get_params()
        expected = {"analyzer": "word", "token_pattern": TOKEN_PATTERN, "lowercase": False,
                    "ngram_range": NGRAM_RANGE, "sublinear_tf": True, "use_idf": True, "norm": "l2",
                    "preprocessor": None, "tokenizer": None, "stop_words": None, "strip_accents": None}
        different = {key: settings[key] for key, value in expected.items() if settings[key] != value}
        if different:
            raise ValueError(f"TermWeights cannot reproduce a vectorizer with {different}")
        terms = [""] * len(vectorizer.vocabulary_)
        for term, column in vectorizer.vocabulary_.items():
            terms[column] = term
        return cls(terms, np.asarray(vectorizer.idf_, dtype=np.float64))

    def row(self, document: str) -> SparseRow:
        tokens = _TOKENS.findall(document)
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        counts = Counter(self.index[gram] for gram in grams if gram in self.index)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))))
        values *= self.idf[columns]
        norm = np.sqrt(np.dot(values, values))
        return columns, (values / norm if norm > 0 else values)

    def rows(self, documents: list[str]) -> list[SparseRow]:
        return [self.row(document) for document in documents]


@dataclass
class LinearScores:
    """x·coefᵀ + intercept over [TF-IDF columns | dense columns], one output per row of coef."""

    coef: np.ndarray  # (outputs, terms + dense features)
    intercept: np.ndarray  # (outputs,)

    @classmethod
    def from_estimators(cls, estimators: list) -> LinearScores:
        """Stack fitted linear models' coefficients (one-vs-rest: one estimator per label).

        A label that was constant in training gets scikit-learn's constant predictor instead of a logistic
        regression; an infinite intercept gives it the same probability of exactly 0 or 1.
        """
        width = next(e.coef_.shape[1] for e in estimators if hasattr(e, "coef_"))
        coefs, intercepts = [], []
        for estimator in estimators:
            if hasattr(estimator, "coef_"):
                coefs.append(np.asarray(estimator.coef_, dtype=np.float64))
                intercepts.append(np.asarray(estimator.intercept_, dtype=np.float64))
            else:
                coefs.append(np.zeros((1, width)))
                intercepts.append(np.array([np.inf if float(estimator.y_[0]) > 0.5 else -np.inf]))
        return cls(np.vstack(coefs), np.concatenate(intercepts))

    def decision(self, rows: list[SparseRow], dense: np.ndarray | None = None) -> np.ndarray:
        words = self.coef.shape[1] - (0 if dense is None else dense.shape[1])
        scores = np.empty((len(rows), self.coef.shape[0]))
        for i, (columns, values) in enumerate(rows):
            scores[i] = self.coef[:, columns] @ values
        if dense is not None:
            scores += dense @ self.coef[:, words:].T
        return scores + self.intercept


def sigmoid(scores: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-scores))


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def class_probabilities(scores: LinearScores, rows: list[SparseRow], dense: np.ndarray | None = None
                        ) -> np.ndarray:
    """LogisticRegression.predict_proba: a binary model has one output, a multinomial one per class."""
    decision = scores.decision(rows, dense)
    if decision.shape[1] == 1:
        positive = sigmoid(decision[:, 0])
        return np.column_stack([1.0 - positive, positive])
    return softmax(decision)
