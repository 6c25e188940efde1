"""Figures for topics and stance, and the two baselines they are read against."""

from __future__ import annotations

import re

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from veille.classify.model import SEED
from veille.features import ArticleFeatures
from veille.labels import STANCE_IDS

# The keyword baseline: a few obvious words per topic, and polarity words near a mention.
TOPIC_KEYWORDS = {
    "politique": "gouvernement ministre député parlement élection parti sénat maire assemblée vote",
    "international": "diplomatie onu étranger sommet ambassade frontière guerre union africaine pays",
    "economie": "entreprise emploi budget marché prix croissance investissement chiffre affaires impôt",
    "defense": "armée militaire défense soldat arme opération état-major sécurité nationale renseignement",
    "numerique": "numérique internet intelligence artificielle données logiciel cybersécurité application",
    "medias": "journal presse journaliste rédaction média télévision radio publicité communication",
    "societe": "famille logement migrant association social précarité transport habitant religion",
    "justice": "tribunal procès juge avocat police enquête plainte condamné parquet loi",
    "sante": "santé hôpital médecin patient maladie vaccin soin épidémie médicament",
    "environnement": "climat énergie pollution biodiversité agriculteur eau sécheresse environnement",
    "culture": "festival film musique livre exposition artiste théâtre musée concert",
    "sport": "match club joueur équipe championnat entraîneur saison but sportif",
    "sciences": "recherche chercheur scientifique étude laboratoire espace découverte université",
    "education": "école élève enseignant université étudiant enseignement formation classe",
}
POSITIVE_WORDS = set("succès réussite opportunité utile atout outil visibilité essor salue "
                     "progrès innovation bénéfice avantage efficace populaire croissance".split())
NEGATIVE_WORDS = set("harcèlement haine désinformation danger addiction dénonce menace risque "
                     "toxique dérive manipulation interdire sanction amende violence victime".split())


def topic_report(truth: np.ndarray, predicted: np.ndarray, labels: list[str]) -> dict:
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, average=None, zero_division=0)
    micro_precision, micro_recall, _, _ = precision_recall_fscore_support(
        truth, predicted, average="micro", zero_division=0)
    return {
        "per_label": {label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                              "f1": round(float(f), 4), "support": int(s)}
                      for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)},
        "micro_f1": round(float(f1_score(truth, predicted, average="micro", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
        "micro_precision": round(float(micro_precision), 4),
        "micro_recall": round(float(micro_recall), 4),
    }


def stance_report(truth: list[str], predicted: list[str]) -> dict:
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=list(STANCE_IDS), zero_division=0)
    return {
        "per_label": {label: {"precision": round(float(p), 4), "recall": round(float(r), 4),
                              "f1": round(float(f), 4), "support": int(s)}
                      for label, p, r, f, s in zip(STANCE_IDS, precision, recall, f1, support,
                                                   strict=True)},
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, labels=list(STANCE_IDS), average="macro",
                                         zero_division=0)), 4),
        "confusion": {"labels": list(STANCE_IDS),
                      "matrix": confusion_matrix(truth, predicted, labels=list(STANCE_IDS)).tolist()},
    }


def dummy_topics(train_targets: np.ndarray, count: int) -> np.ndarray:
    """A stratified dummy: each label drawn at its training frequency."""
    dummy = DummyClassifier(strategy="stratified", random_state=SEED)
    dummy.fit(np.zeros((len(train_targets), 1)), train_targets)
    return np.asarray(dummy.predict(np.zeros((count, 1))))


def dummy_stance(train_stances: list[str], count: int) -> list[str]:
    dummy = DummyClassifier(strategy="stratified", random_state=SEED)
    dummy.fit(np.zeros((len(train_stances), 1)), train_stances)
    return [str(label) for label in dummy.predict(np.zeros((count, 1)))]


def keyword_topics(items: list[ArticleFeatures], labels: list[str]) -> np.ndarray:
    """The topic whose keywords occur most (ties and zero to the first), one label per article."""
    predicted = np.zeros((len(items), len(labels)), dtype=int)
    for row, item in enumerate(items):
        lemmas = item.title_lemmas + item.lemmas
        text = " ".join(lemmas)
        counts = [sum(len(re.findall(rf"\b{re.escape(word)}\b", text))
                      for word in TOPIC_KEYWORDS.get(label, "").split()) for label in labels]
        predicted[row, int(np.argmax(counts))] = 1
    return predicted


def keyword_stance(items: list[ArticleFeatures]) -> list[str]:
    """No mention: sans_objet; otherwise polarity words around the mentions decide."""
    predicted = []
    for item in items:
        if len(item.mentions) < 2:
            predicted.append("sans_objet")
            continue
        context = item.context_lemmas()
        positive = sum(lemma in POSITIVE_WORDS for lemma in context)
        negative = sum(lemma in NEGATIVE_WORDS for lemma in context)
        predicted.append("favorable" if positive > negative else
                         "defavorable" if negative > positive else "neutre")
    return predicted

