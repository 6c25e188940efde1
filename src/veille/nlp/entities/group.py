"""Entity clean-up and grouping on plain offsets: junk out, "M. Macron", "Macron" and "Emmanuel Macron" in
one group named by its fullest form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.nlp.entities.patterns import (
    ELISION_PREFIXES,
    INSTITUTION_HEADS,
    INSTITUTION_HEADS_WITH_ADJECTIVE,
    PERSON_TITLES,
)

EDGE_JUNK = " \t\n\"'«»“”„‘’()[]{}<>,;:.!?–—-*•|/"
# The platform X, the one name of a single letter.
PLATFORM_X = "X"
# A lower-case name is short: "vallée de l'Arve", "palais du Luxembourg", "agence régionale de santé".
MAX_LOWERCASE_NAME_WORDS = 6
# "Didier L.", "Karim B.": a first name and an initial.
ANONYMISED_INITIAL = re.compile(r"\b[A-ZÉ]\w+ [A-Z]$")
# Words that NER tags at the start of a sentence or on scraped pages but that name nothing.
NOT_NAMES = {
    "selon", "mais", "pour", "après", "avant", "dans", "cette", "ces", "depuis", "ainsi", "alors",
    "partager", "réagir", "accueil", "lire", "aussi", "newsletter", "commentaire", "commentaires",
    "publicité", "abonnez-vous", "menu", "connexion", "photo", "vidéo", "oui", "non", "merci",
}


@dataclass
class Mention:
    text: str
    label: str
    start: int
    end: int


@dataclass
class EntityGroup:
    text: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"text": self.text, "label": self.label, "count": len(self.mentions),
                "mentions": [list(span) for span in self.mentions]}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


def clean_mention(article_text: str, start: int, end: int, label: str) -> Mention | None:
    """Trim an NER span to the name it holds, or return None for junk."""
    while start < end and article_text[start] in EDGE_JUNK:
        start += 1
    while end > start and article_text[end - 1] in EDGE_JUNK:
        end -= 1
    initial = label == "PER" and ANONYMISED_INITIAL.search(article_text, 0, end)
    if initial and article_text[end:end + 1] == ".":
        end += 1  # "Didier L.": the initial's full stop is part of the name
    start = _past_elisions_and_titles(article_text, start, end, label)
    text = article_text[start:end]
    return Mention(text=text, label=label, start=start, end=end) if _names_something(text, label) else None


def _past_elisions_and_titles(article_text: str, start: int, end: int, label: str) -> int:
    """Where the name starts after "d'", "l'" (kept for organisations: "L'Oréal") and, for people, "M."."""
    prefixes = ELISION_PREFIXES if label == "PER" else tuple(
        prefix for prefix in ELISION_PREFIXES if prefix != "l'")
    titles = PERSON_TITLES if label == "PER" else ()
    changed = True
    while changed and start < end:
        lowered = article_text[start:end].replace("’", "'").lower()
        prefix = next((p for p in prefixes if lowered.startswith(p) and len(lowered) > len(p)), None)
        title = next((t for t in titles if article_text.startswith(t + " ", start)), None)
        start += len(prefix) if prefix else 0
        start += len(title) + 1 if title and not prefix else 0
        changed = bool(prefix or title)
    return start


def _names_something(text: str, label: str) -> bool:
    """Two letters or more (or the platform X), a capital or a digit first, or a place or a body whose name
    starts in lower case ("ministère des Armées", "gare Saint-Charles", "vallée de l'Arve"); not a word NER
    tags by mistake, nor a line of capitals, nor a line break."""
    letters = [char for char in text if char.isalpha()]
    if (len(letters) < 2 and not (label == "ORG" and text == PLATFORM_X)) or not (
            text[0].isupper() or text[0].isdigit() or _lowercase_name(text, label)):
        return False
    shouting = label == "MISC" and text.isupper() and len(text.split()) > 1
    return _key(text) not in NOT_NAMES and not shouting and "\n" not in text


def _lowercase_name(text: str, label: str) -> bool:
    """"ministère des Armées" (an institution), or a common noun and a proper name ("gare Saint-Charles",
    "île d'Oléron", "prix Goncourt"); never a person ("président de la Ligue" is a role)."""
    words = text.split()
    if label == "PER" or len(words) < 2 or len(words) > MAX_LOWERCASE_NAME_WORDS:
        return False
    institution = label == "ORG" and words[0] in INSTITUTION_HEADS + INSTITUTION_HEADS_WITH_ADJECTIVE
    return institution or any(word[:1].isupper() or _elided_capital(word) for word in words[1:])


def _elided_capital(word: str) -> bool:
    """"l'Arve", "d'Oléron", "d'Austerlitz"."""
    return len(word) > 2 and word[1] in "'’" and word[2:3].isupper()


def is_part_of_name(short: str, full: str) -> bool:
    """'Le Pen' is part of 'Marine Le Pen'; 'Marine' is part of it too (a first name alone)."""
    short_words, full_words = short.split(), full.split()
    if len(short_words) >= len(full_words):
        return False
    return full_words[-len(short_words):] == short_words or (
        len(short_words) == 1 and short_words[0] == full_words[0])


def group_mentions(mentions: list[Mention]) -> list[EntityGroup]:
    """Group mentions of one entity; a person's group takes the fullest name the article gives."""
    by_key: dict[str, EntityGroup] = {}
    order: list[str] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        key = _key(mention.text)
        if key not in by_key:
            by_key[key] = EntityGroup(text=mention.text, label=mention.label)
            order.append(key)
        by_key[key].mentions.append((mention.start, mention.end))

    person_keys = [key for key in order if by_key[key].label == "PER"]
    merged_into: dict[str, str] = {}
    for key in order:
        group = by_key[key]
        candidates = [other for other in person_keys
                      if other != key and is_part_of_name(key, other)]
        if not candidates:
            continue
        if group.label != "PER" and len(key.split()) > 1:
            continue
        # The nearest fuller name mentioned before this one wins; else the first one after it.
        first = group.mentions[0][0]
        before = [c for c in candidates if by_key[c].mentions[0][0] <= first]
        target = (max(before, key=lambda c: by_key[c].mentions[0][0]) if before else candidates[0])
        merged_into[key] = target

    def final(key: str) -> str:
        seen = set()
        while key in merged_into and key not in seen:
            seen.add(key)
            key = merged_into[key]
        return key

    for key, target in merged_into.items():
        by_key[final(target)].mentions.extend(by_key[key].mentions)
    groups = [by_key[key] for key in order if key not in merged_into]
    for group in groups:
        group.mentions.sort()
    return sorted(groups, key=lambda g: g.mentions[0][0])

