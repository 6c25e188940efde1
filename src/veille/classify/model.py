"""The topic and stance classifiers (scikit-learn only: they read ArticleFeatures, never spaCy objects).

Each classifier keeps its fitted scikit-learn parts in `estimators()` (pickled, and loaded through a
reviewed allow-list) and its plain settings (saved in meta.json), so that loading never has to trust a
custom class.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier

from veille.features import ArticleFeatures
from veille.labels import MAX_TOPICS, POLARITY_IDS, STANCE_IDS

SEED = 13
THRESHOLD_GRID = np.round(np.arange(0.1, 0.91, 0.025), 3)
EVIDENCE_SENTENCES = 3


def _lemma_string(lemmas: list[str]) -> str:
    return " ".join(lemmas)


def _fit_word_vectorizer(documents: list[str], min_df: int) -> TfidfVectorizer:
    # Lemmas are already lowercased, stop words and punctuation already left out by the nlp side.
    vectorizer = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=min_df,
                                 sublinear_tf=True, max_features=60000).fit(documents)
    # The terms it dropped are kept only for introspection, and made the saved model 50 MB.
    if hasattr(vectorizer, "stop_words_"):
        del vectorizer.stop_words_
    return vectorizer


@dataclass
class TopicSettings:
    # Chosen by 5-fold cross-validation on the training split (see the model card). Character
    # 3-5-grams were tried and left out: the same micro-F1 (0.780 with, 0.781 without) for 8 times
    # the fitting time.
    C: float = 30.0
    vector_weight: float = 0.5
    title_weight: int = 2
    min_df: int = 2
    max_labels: int = MAX_TOPICS
    # A second or third label must score at least this share of the first one's probability.
    secondary_ratio: float = 0.5
    thresholds: list[float] = field(default_factory=list)


class TopicClassifier:
    """Multi-label topics: one-vs-rest logistic regressions on lemma TF-IDF and the mean word vector."""

    def __init__(self, labels: list[str], settings: TopicSettings | None = None):
        self.labels = list(labels)
        self.settings = settings or TopicSettings()

    def _documents(self, inputs: list[ArticleFeatures]) -> list[str]:
        return [_lemma_string(item.title_lemmas * self.settings.title_weight + item.lemmas)
                for item in inputs]

    def matrix(self, inputs: list[ArticleFeatures]) -> sparse.csr_matrix:
        vectors = np.vstack([item.vector for item in inputs])
        return sparse.hstack([
            self.word_.transform(self._documents(inputs)),
            sparse.csr_matrix(vectors * self.settings.vector_weight),
        ]).tocsr()

    def _estimator(self) -> OneVsRestClassifier:
        return OneVsRestClassifier(LogisticRegression(C=self.settings.C, class_weight="balanced",
                                                      solver="liblinear", random_state=SEED))

    def fit(self, inputs: list[ArticleFeatures], targets: np.ndarray, tune_thresholds: bool = True
            ) -> TopicClassifier:
        self.word_ = _fit_word_vectorizer(self._documents(inputs), self.settings.min_df)
        features = self.matrix(inputs)
        if tune_thresholds and len(inputs) >= 25:
            folds = KFold(n_splits=5, shuffle=True, random_state=SEED)
            held_out = cross_val_predict(self._estimator(), features, targets, cv=folds,
                                         method="predict_proba")
            self.settings.thresholds = [best_threshold(targets[:, j], held_out[:, j])
                                        for j in range(len(self.labels))]
        elif not self.settings.thresholds:
            self.settings.thresholds = [0.5] * len(self.labels)
        self.model_ = self._estimator().fit(features, targets)
        return self

    def predict_proba(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        return self.model_.predict_proba(self.matrix(inputs))

    def assign(self, probabilities: np.ndarray) -> list[list[int]]:
        """Labels over their threshold, best first; at least one, at most max_labels."""
        thresholds = np.asarray(self.settings.thresholds)
        assigned = []
        for row in probabilities:
            margin = row / np.maximum(thresholds, 1e-6)
            order = [int(j) for j in np.argsort(-margin)]
            best = order[0]
            chosen = [best] + [j for j in order[1:] if row[j] >= thresholds[j]
                               and row[j] >= self.settings.secondary_ratio * row[best]]
            assigned.append(sorted(chosen[: self.settings.max_labels], key=lambda j: -row[j]))
        return assigned

    def estimators(self) -> dict:
        return {"topic_words": self.word_, "topic_model": self.model_}

    @classmethod
    def from_parts(cls, labels: list[str], settings: dict, estimators: dict) -> TopicClassifier:
        classifier = cls(labels, TopicSettings(**settings))
        classifier.word_ = estimators["topic_words"]
        classifier.model_ = estimators["topic_model"]
        return classifier


def best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    """The threshold that maximises F1 for one label on held-out scores."""
    best, best_f1 = 0.5, -1.0
    for threshold in THRESHOLD_GRID:
        predicted = scores >= threshold
        tp = float(np.sum(predicted & (truth == 1)))
        fp = float(np.sum(predicted & (truth == 0)))
        fn = float(np.sum(~predicted & (truth == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(threshold), f1
    return best


def mention_statistics(features: ArticleFeatures) -> np.ndarray:
    """How much an article talks about social media, in numbers a linear model can weigh."""
    mentions = features.mentions
    words = max(features.word_count, 1)
    sentences = max(len(features.sentences), 1)
    with_mention = {i for i, (s, e) in enumerate(features.sentences)
                    if any(s <= m.start < e for m in mentions)}
    platforms = [m for m in mentions if m.is_platform]
    early = sum(1 for i in with_mention if i < 3)
    return np.array([
        np.log1p(len(mentions)),
        np.log1p(len(platforms)),
        min(len(mentions) * 100.0 / words, 10.0),
        len(with_mention) / sentences,
        np.log1p(len({m.term.lower() for m in mentions})),
        min(early, 3) / 3.0,
        np.log1p(len(features.title_mentions)),
    ], dtype=np.float64)


@dataclass
class StanceSettings:
    # Chosen by 5-fold cross-validation on the training split; word vectors lowered the polarity's
    # macro-F1 there (0.830 with them, 0.854 without), so the polarity reads lemmas only.
    relevance_C: float = 2.0
    polarity_C: float = 10.0
    statistics_weight: float = 1.5


class StanceClassifier:
    """Two stages: are social media a subject at all, then the polarity of the text around them."""

    def __init__(self, settings: StanceSettings | None = None):
        self.settings = settings or StanceSettings()

    def _relevance_matrix(self, inputs: list[ArticleFeatures]) -> sparse.csr_matrix:
        statistics = np.vstack([mention_statistics(item) for item in inputs])
        words = [_lemma_string(item.title_lemmas + item.lemmas) for item in inputs]
        return sparse.hstack([self.relevance_words_.transform(words),
                              sparse.csr_matrix(statistics * self.settings.statistics_weight)]).tocsr()

    @staticmethod
    def _context(item: ArticleFeatures) -> list[str]:
        """The lemmas around the mentions (the whole article when nothing was matched)."""
        if not item.mentions:
            return item.title_lemmas + item.lemmas
        return item.title_lemmas + item.context_lemmas()

    def _polarity_matrix(self, contexts: list[list[str]]) -> sparse.csr_matrix:
        return self.polarity_words_.transform([_lemma_string(lemmas) for lemmas in contexts])

    def fit(self, inputs: list[ArticleFeatures], stances: list[str]) -> StanceClassifier:
        relevant = np.array([stance != "sans_objet" for stance in stances], dtype=int)
        words = [_lemma_string(item.title_lemmas + item.lemmas) for item in inputs]
        self.relevance_words_ = _fit_word_vectorizer(words, 2)
        self.relevance_ = LogisticRegression(C=self.settings.relevance_C, class_weight="balanced",
                                             max_iter=3000, random_state=SEED)
        self.relevance_.fit(self._relevance_matrix(inputs), relevant)
        polar = [(item, stance) for item, stance in zip(inputs, stances, strict=True)
                 if stance in POLARITY_IDS]
        contexts = [self._context(item) for item, _ in polar]
        self.polarity_words_ = _fit_word_vectorizer([_lemma_string(c) for c in contexts], 1)
        self.polarity_ = LogisticRegression(C=self.settings.polarity_C, class_weight="balanced",
                                            max_iter=3000, random_state=SEED)
        self.polarity_.fit(self._polarity_matrix(contexts), [stance for _, stance in polar])
        return self

    def predict_proba(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        """Probabilities over STANCE_IDS, in that order."""
        relevance = self.relevance_.predict_proba(self._relevance_matrix(inputs))[:, 1]
        polarity = self.polarity_.predict_proba(
            self._polarity_matrix([self._context(item) for item in inputs]))
        classes = list(self.polarity_.classes_)
        scores = np.zeros((len(inputs), len(STANCE_IDS)))
        for k, stance in enumerate(STANCE_IDS):
            if stance == "sans_objet":
                scores[:, k] = 1.0 - relevance
            else:
                scores[:, k] = relevance * polarity[:, classes.index(stance)]
        return scores

    def evidence(self, item: ArticleFeatures, label: str) -> list[tuple[int, int, float]]:
        """The context sentences that weigh most toward the label: (start, end, score)."""
        features = item
        hits = [i for i, (s, e) in enumerate(features.sentences)
                if any(s <= m.start < e for m in features.mentions)]
        if not hits or label == "sans_objet":
            return []
        target = label if label in self.polarity_.classes_ else None
        contexts = [features.sentence_lemmas[i] for i in hits]
        probabilities = self.polarity_.predict_proba(self._polarity_matrix(contexts))
        column = list(self.polarity_.classes_).index(target) if target else None
        ranked = sorted(zip(hits, probabilities, strict=True),
                        key=lambda pair: -(pair[1][column] if column is not None else 0))
        return [(*features.sentences[i], float(p[column]) if column is not None else 0.0)
                for i, p in ranked[:EVIDENCE_SENTENCES]]

    def estimators(self) -> dict:
        return {"relevance_words": self.relevance_words_, "relevance_model": self.relevance_,
                "polarity_words": self.polarity_words_, "polarity_model": self.polarity_}

    @classmethod
    def from_parts(cls, settings: dict, estimators: dict) -> StanceClassifier:
        classifier = cls(StanceSettings(**settings))
        classifier.relevance_words_ = estimators["relevance_words"]
        classifier.relevance_ = estimators["relevance_model"]
        classifier.polarity_words_ = estimators["polarity_words"]
        classifier.polarity_ = estimators["polarity_model"]
        return classifier


def settings_dict(settings: TopicSettings | StanceSettings) -> dict:
    return asdict(settings)
