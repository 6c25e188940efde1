"""The topic and stance classifiers: they read ArticleFeatures, never spaCy objects.

scikit-learn fits them; `fit` then keeps only the fitted numbers (classify.linear), so predicting, saving
and loading never import scikit-learn (0.8 s of a 3 s `veille classify`). Each classifier's plain settings
go to meta.json and its arrays to `arrays()`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from veille.classify.linear import LinearScores, TermWeights, class_probabilities, sigmoid
from veille.features import ArticleFeatures
from veille.labels import MAX_TOPICS, POLARITY_IDS, STANCE_IDS

SEED = 13
THRESHOLD_GRID = np.round(np.arange(0.1, 0.91, 0.025), 3)
EVIDENCE_SENTENCES = 3


def _lemma_string(lemmas: list[str]) -> str:
    return " ".join(lemmas)


def fit_word_vectorizer(documents: list[str], min_df: int):
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Lemmas are already lowercased, stop words and punctuation already left out by the nlp side.
    return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=min_df,
                           sublinear_tf=True, max_features=60000).fit(documents)


def _logistic_regression(**settings):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(random_state=SEED, **settings)


def with_dense(words, dense: np.ndarray):
    from scipy import sparse

    return sparse.hstack([words, sparse.csr_matrix(dense)]).tocsr()


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

    def _vectors(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        return np.vstack([item.vector for item in inputs]) * self.settings.vector_weight

    def _estimator(self):
        from sklearn.multiclass import OneVsRestClassifier

        return OneVsRestClassifier(_logistic_regression(C=self.settings.C, class_weight="balanced",
                                                        solver="liblinear"))

    def fit(self, inputs: list[ArticleFeatures], targets: np.ndarray, tune_thresholds: bool = True
            ) -> TopicClassifier:
        from sklearn.model_selection import KFold, cross_val_predict

        vectorizer = fit_word_vectorizer(self._documents(inputs), self.settings.min_df)
        features = with_dense(vectorizer.transform(self._documents(inputs)), self._vectors(inputs))
        if tune_thresholds and len(inputs) >= 25:
            folds = KFold(n_splits=5, shuffle=True, random_state=SEED)
            held_out = cross_val_predict(self._estimator(), features, targets, cv=folds,
                                         method="predict_proba")
            self.settings.thresholds = [best_threshold(targets[:, j], held_out[:, j])
                                        for j in range(len(self.labels))]
        elif not self.settings.thresholds:
            self.settings.thresholds = [0.5] * len(self.labels)
        model = self._estimator().fit(features, targets)
        self.words_ = TermWeights.from_vectorizer(vectorizer)
        self.scores_ = LinearScores.from_estimators(model.estimators_)
        return self

    def predict_proba(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        """One independent probability per label (one-vs-rest)."""
        rows = self.words_.rows(self._documents(inputs))
        return sigmoid(self.scores_.decision(rows, self._vectors(inputs)))

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

    def arrays(self) -> dict[str, np.ndarray]:
        return _arrays("topic", self.words_, self.scores_)

    @classmethod
    def from_arrays(cls, labels: list[str], settings: dict, arrays: dict[str, np.ndarray]
                    ) -> TopicClassifier:
        classifier = cls(labels, TopicSettings(**settings))
        classifier.words_, classifier.scores_ = _parts("topic", arrays)
        return classifier


def _arrays(name: str, words: TermWeights, scores: LinearScores) -> dict[str, np.ndarray]:
    # Terms never hold a newline (they are \S+ runs joined by one space): one UTF-8 array keeps them all.
    return {f"{name}_terms": np.frombuffer("\n".join(words.terms).encode("utf-8"), dtype=np.uint8),
            f"{name}_idf": words.idf, f"{name}_coef": scores.coef, f"{name}_intercept": scores.intercept}


def _parts(name: str, arrays: dict[str, np.ndarray]) -> tuple[TermWeights, LinearScores]:
    terms = arrays[f"{name}_terms"].tobytes().decode("utf-8").split("\n")
    words = TermWeights(terms, arrays[f"{name}_idf"])
    scores = LinearScores(arrays[f"{name}_coef"], arrays[f"{name}_intercept"])
    if len(terms) != len(words.idf) or scores.coef.shape[1] < len(terms):
        raise ValueError(f"the {name} arrays do not fit together")
    return words, scores


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

    def _relevance_words(self, inputs: list[ArticleFeatures]) -> list[str]:
        return [_lemma_string(item.title_lemmas + item.lemmas) for item in inputs]

    def _statistics(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        return np.vstack([mention_statistics(item) for item in inputs]) * self.settings.statistics_weight

    @staticmethod
    def _context(item: ArticleFeatures) -> list[str]:
        """The lemmas around the mentions (the whole article when nothing was matched)."""
        if not item.mentions:
            return item.title_lemmas + item.lemmas
        return item.title_lemmas + item.context_lemmas()

    def fit(self, inputs: list[ArticleFeatures], stances: list[str]) -> StanceClassifier:
        relevant = np.array([stance != "sans_objet" for stance in stances], dtype=int)
        words = self._relevance_words(inputs)
        relevance_words = fit_word_vectorizer(words, 2)
        relevance = _logistic_regression(C=self.settings.relevance_C, class_weight="balanced", max_iter=3000)
        relevance.fit(with_dense(relevance_words.transform(words), self._statistics(inputs)), relevant)
        polar = [(item, stance) for item, stance in zip(inputs, stances, strict=True)
                 if stance in POLARITY_IDS]
        contexts = [_lemma_string(self._context(item)) for item, _ in polar]
        polarity_words = fit_word_vectorizer(contexts, 1)
        polarity = _logistic_regression(C=self.settings.polarity_C, class_weight="balanced", max_iter=3000)
        polarity.fit(polarity_words.transform(contexts), [stance for _, stance in polar])
        self.relevance_words_ = TermWeights.from_vectorizer(relevance_words)
        self.relevance_ = LinearScores.from_estimators([relevance])
        self.polarity_words_ = TermWeights.from_vectorizer(polarity_words)
        self.polarity_ = LinearScores.from_estimators([polarity])
        self.polarity_classes_ = [str(label) for label in polarity.classes_]
        return self

    def _polarity_proba(self, contexts: list[list[str]]) -> np.ndarray:
        rows = self.polarity_words_.rows([_lemma_string(lemmas) for lemmas in contexts])
        return class_probabilities(self.polarity_, rows)

    def predict_proba(self, inputs: list[ArticleFeatures]) -> np.ndarray:
        """Probabilities over STANCE_IDS, in that order."""
        rows = self.relevance_words_.rows(self._relevance_words(inputs))
        relevance = sigmoid(self.relevance_.decision(rows, self._statistics(inputs))[:, 0])
        polarity = self._polarity_proba([self._context(item) for item in inputs])
        scores = np.zeros((len(inputs), len(STANCE_IDS)))
        for k, stance in enumerate(STANCE_IDS):
            if stance == "sans_objet":
                scores[:, k] = 1.0 - relevance
            elif stance in self.polarity_classes_:
                scores[:, k] = relevance * polarity[:, self.polarity_classes_.index(stance)]
        return scores

    def evidence(self, item: ArticleFeatures, label: str) -> list[tuple[int, int, float]]:
        """The context sentences that weigh most toward the label: (start, end, score)."""
        hits = [i for i, (s, e) in enumerate(item.sentences)
                if any(s <= m.start < e for m in item.mentions)]
        if not hits or label not in self.polarity_classes_:
            return []
        column = self.polarity_classes_.index(label)
        probabilities = self._polarity_proba([item.sentence_lemmas[i] for i in hits])[:, column]
        ranked = sorted(zip(hits, probabilities, strict=True), key=lambda pair: -pair[1])
        return [(*item.sentences[i], float(p)) for i, p in ranked[:EVIDENCE_SENTENCES]]

    def arrays(self) -> dict[str, np.ndarray]:
        return {**_arrays("relevance", self.relevance_words_, self.relevance_),
                **_arrays("polarity", self.polarity_words_, self.polarity_)}

    @classmethod
    def from_arrays(cls, settings: dict, polarity_classes: list[str], arrays: dict[str, np.ndarray]
                    ) -> StanceClassifier:
        classifier = cls(StanceSettings(**settings))
        classifier.relevance_words_, classifier.relevance_ = _parts("relevance", arrays)
        classifier.polarity_words_, classifier.polarity_ = _parts("polarity", arrays)
        classifier.polarity_classes_ = list(polarity_classes)
        return classifier


def settings_dict(settings: TopicSettings | StanceSettings) -> dict:
    return asdict(settings)
