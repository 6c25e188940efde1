"""Entity clean-up and grouping on plain offsets: junk out, "M. Macron", "Macron" and "Emmanuel Macron" in
one group named by its fullest form."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from veille.nlp.entities.patterns import ELISION_PREFIXES, PERSON_TITLES

EDGE_JUNK = " \t\n\"'«»“”„‘’()[]{}<>,;:.!?–—-*•|/"
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
    """Two letters or more, a capital or a digit first, not a word NER tags by mistake, no line break."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 2 or not text[0].isupper() and not text[0].isdigit():
        return False
    return _key(text) not in NOT_NAMES and not (label == "MISC" and text.isupper()) and "\n" not in text


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

