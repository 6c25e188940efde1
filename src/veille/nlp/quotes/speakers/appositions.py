"""A name set in apposition after a speaker phrase: "Sa présidente, Marianne Chevalley, …"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from veille.nlp.entities.patterns import PERSON_TITLES
from veille.nlp.quotes.lexicon.closed_class import APPOSITION_ENDING_RELATIVES
from veille.nlp.quotes.lexicon.marks import COMMA, PARENTHESES
from veille.nlp.quotes.people import Person, person_at
from veille.nlp.quotes.settings import QuoteSettings


def apposition_comma(last: Token, settings: QuoteSettings) -> int | None:
    """The comma that ends a noun phrase cut short at `last`, before any verb, relative or other mark."""
    doc = last.doc
    k, limit = last.i + 1, min(len(doc), last.i + settings.apposition_reach)
    while k < limit and doc[k].text != COMMA:
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].is_punct and doc[k].text not in PARENTHESES \
                or doc[k].lower_ in APPOSITION_ENDING_RELATIVES:
            return None
        k += 1
    return k if k < limit else None


def apposed_unlisted_name(last: Token, settings: QuoteSettings) -> Span | None:
    """'la directrice du festival, Rim Ben Salem, 31 ans': a name of two capitalised words or more set after
    a role, one that NER labelled a place or missed; a title may precede it."""
    doc = last.doc
    k = apposition_comma(last, settings)
    if k is None:
        return None
    start = k + 1
    if start < len(doc) and doc[start].text in PERSON_TITLES:
        start += 1
    end = start
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    if end - start < 2 or end < len(doc) and not (doc[end].is_punct or doc[end].is_space):
        return None
    return doc[start:end]


def apposed_person(people: Iterable[Person], last: Token, settings: QuoteSettings) -> Person | None:
    """'Sa présidente, Marianne Chevalley, …' / 'Le président de la commission, le Suédois Lars Ekström,
    …': the name set in apposition after the phrase. The phrase may have been cut short, so its comma is
    looked for up to the end of the noun phrase; a determiner and a title may precede the name."""
    doc = last.doc
    k = apposition_comma(last, settings)
    if k is None:
        return None
    for token in doc[k + 1: min(len(doc), k + 1 + settings.apposed_name_reach)]:
        person = person_at(people, token.idx, token.idx + len(token.text))
        if person is not None:
            return person
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            break
    return None
