"""The taxonomy: topic ids, stance labels and entity labels live here and nowhere else (the quote types and
patterns are the quote extractor's: veille.nlp.quotes)."""

TOPICS: dict[str, str] = {
    "politique": "Politique",
    "international": "International",
    "economie": "Économie",
    "defense": "Défense",
    "numerique": "Numérique",
    "medias": "Médias",
    "societe": "Société",
    "justice": "Justice",
    "sante": "Santé",
    "environnement": "Environnement",
    "culture": "Culture",
    "sport": "Sport",
    "sciences": "Sciences",
    "education": "Éducation",
}
TOPIC_IDS: tuple[str, ...] = tuple(TOPICS)
MAX_TOPICS = 3

STANCES: dict[str, str] = {
    "favorable": "Favorable",
    "defavorable": "Défavorable",
    "neutre": "Neutre",
    "sans_objet": "Sans objet",
}
STANCE_IDS: tuple[str, ...] = tuple(STANCES)
# The polarity labels: the stances an article takes when social media are a real subject.
POLARITY_IDS: tuple[str, ...] = ("favorable", "defavorable", "neutre")

ENTITY_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
