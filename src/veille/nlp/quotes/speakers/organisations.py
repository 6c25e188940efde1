"""An organisation speaks under the fullest name the article gives it (GUIDELINES 3.1 point 1): "le
ministère" after "le ministère de l'éducation nationale", "l'AMF" after "l'Autorité des marchés financiers
(AMF)", "Le parquet" after "le parquet de Marseille" are each one speaker, named in full."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from veille.nlp.quotes.grammar import is_cue
from veille.nlp.quotes.lexicon.closed_class import (
    DEFINITE_ARTICLES,
    DEMONSTRATIVES,
    POSSESSIVES,
    SPEAKER_PHRASE_ENDS,
)
from veille.nlp.quotes.lexicon.people import INSTITUTION_NOUNS
from veille.nlp.quotes.nouns import noun_phrase
from veille.nlp.quotes.quote import Speaker

# The longest name taken for an organisation, in tokens ("le ministère des sports et des Jeux olympiques et
# paralympiques" is 10).
MAX_NAME_TOKENS = 12
# An acronym: capitals (and digits), at most this long ("AMF", "ANSSI", "G7").
MAX_ACRONYM_CHARS = 10
# What a name never holds: a verb, a pronoun, a clause's conjunction.
NOT_IN_A_NAME_POS = frozenset(("VERB", "AUX", "PRON", "SCONJ"))
# The words before a name that only point at it: a shorter mention ("ce syndicat", "sa direction").
POINTING_WORDS = DEFINITE_ARTICLES | DEMONSTRATIVES | POSSESSIVES


@dataclass(frozen=True)
class Name:
    """An organisation's name as the article writes it, and where."""

    text: str
    start: int
    end: int

    @property
    def words(self) -> list[str]:
        return _core(self.text).split()


def organisation_names(doc: Doc) -> tuple[list[Name], dict[str, Name]]:
    """The names the article gives institutions (an institution noun with its complements, in text order),
    and the acronyms it defines ("l'Autorité des marchés financiers (AMF)") with their full names."""
    names = []
    for token in doc:
        if token.lower_ in INSTITUTION_NOUNS and token.pos_ in ("NOUN", "PROPN"):
            phrase = [t for t in noun_phrase(token, MAX_NAME_TOKENS) if t.i >= token.i or t.pos_ == "DET"
                      or t.i == token.i - 1 and t.pos_ == "ADJ"]
            # The name stops before a verb (or a cue the tagger took for a noun), a clause or a date.
            end = next((k for k, t in enumerate(phrase) if t.i > token.i and (
                t.pos_ in NOT_IN_A_NAME_POS or t.lower_ in SPEAKER_PHRASE_ENDS or is_cue(t))), len(phrase))
            phrase = phrase[:end]
            if len(phrase) > 2:
                names.append(Name(doc[phrase[0].i:phrase[-1].i + 1].text, phrase[0].idx,
                                  phrase[-1].idx + len(phrase[-1].text)))
    return names, _acronyms(doc)


def _acronyms(doc: Doc) -> dict[str, Name]:
    """"la Haute Autorité de santé (HAS)": the acronym in parentheses right after the name."""
    found = {}
    for token in doc[1:-2]:
        acronym = doc[token.i + 1]
        if token.text != "(" or doc[token.i + 2].text != ")" or not _is_acronym(acronym.text):
            continue
        start = _name_start(doc, token.i)
        if start is not None and token.i - start >= 2:
            found[acronym.text] = Name(doc[start:token.i].text, doc[start].idx, token.idx - 1)
    return found


def _name_start(doc: Doc, paren: int) -> int | None:
    """Where the name before "(ACR)" starts: its first capitalised noun or adjective within the phrase
    ("l'hydrogéologue du Bureau de recherches géologiques et minières (BRGM)" -> "Bureau"), with the
    determiner right before it ("la Direction générale de la concurrence, … (DGCCRF)")."""
    head = doc[paren - 1]
    while head.dep_ in ("nmod", "amod", "flat:name", "flat", "fixed", "conj") and head.head.i < head.i:
        head = head.head
    for token in doc[head.left_edge.i:paren]:
        if token.text[:1].isupper() and token.pos_ in ("NOUN", "PROPN", "ADJ"):
            before = doc[token.i - 1] if token.i > 0 else None
            return token.i - 1 if before is not None and before.pos_ == "DET" else token.i
    return None


def _is_acronym(word: str) -> bool:
    return 1 < len(word) <= MAX_ACRONYM_CHARS and word.isupper() and word.isalnum()


def _core(text: str) -> str:
    """The name without its first pointing word, in lower case: "Le ministère" -> "ministère"."""
    words = text.replace("’", "'").split()
    if words and words[0].lower().startswith("l'") and len(words[0]) > 2:
        words[0] = words[0][2:]
    elif words and words[0].lower() in POINTING_WORDS:
        words = words[1:]
    return " ".join(words).lower()


def fullest_organisation(speaker: Speaker, names: list[Name], acronyms: dict[str, Name]) -> Speaker:
    """The fullest name the article gives the organisation a speaker phrase names: the acronym's full name,
    else the nearest name before it (else after it) that starts with the same words and says more."""
    core = _core(speaker.text)
    bare = core.upper()
    if bare in acronyms:
        return _named(speaker, acronyms[bare])
    words = core.split()
    if not words:
        return speaker
    longer = [name for name in names if len(name.words) > len(words) and name.words[:len(words)] == words]
    before = [name for name in longer if name.start < speaker.start]
    chosen = before[-1] if before else (longer[0] if longer else None)
    return _named(speaker, chosen) if chosen is not None else speaker


def _named(speaker: Speaker, name: Name) -> Speaker:
    """The name as the article writes it, its determiner in lower case ("Le parquet de Lyon a …" ->
    "le parquet de Lyon", GUIDELINES 3.1)."""
    first, _, rest = name.text.partition(" ")
    if first.lower() in POINTING_WORDS:
        first = first.lower()
    elif first[:2] in ("L'", "L’"):
        first = "l" + first[1:]
    text = f"{first} {rest}" if rest else first
    return replace(speaker, text=text, start=name.start, end=name.end)
