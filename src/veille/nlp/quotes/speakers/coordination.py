"""Coordinated speakers (GUIDELINES 3.1 point 5): "Anne Roux et Paul Brun, ont-ils écrit" is one speaker,
"Anne Roux et Paul Brun", both full names in text order, kind group."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from veille.nlp.quotes.people import Person, person_at
from veille.nlp.quotes.quote import Speaker

COORDINATOR = "et"


def together(people: list[Person], start: int, end: int) -> Speaker | None:
    """Two people or more as one speaker, named at chars start..end: "A, B et C"."""
    if len(people) < 2:
        return None
    names = [person.name for person in people]
    return Speaker(", ".join(names[:-1]) + f" {COORDINATOR} " + names[-1], start, end, kind="group")


def named_together(people: Iterable[Person], tokens: Iterable[Token]) -> list[Person]:
    """The distinct people whose names start among the tokens, in text order."""
    found: list[Person] = []
    for token in tokens:
        if token.ent_type_ == "PER" and token.ent_iob_ == "B":
            person = person_at(people, token.idx, token.idx + len(token.text))
            if person is not None and person not in found:
                found.append(person)
    return found


def coordinated_subject(people: Iterable[Person], subject: Token) -> Speaker | None:
    """"Léa, Hugo et Yanis sont venus … Ils estiment que …": the names conjoined to a subject name,
    which a plural pronoun takes up together."""
    conjuncts = [subject] + [child for child in subject.children if child.dep_ == "conj"]
    if not any(child.lower_ == COORDINATOR for conjunct in conjuncts[1:] for child in conjunct.children):
        return None
    doc = subject.doc
    starts = sorted(doc[_entity_start(t)] for t in conjuncts if t.ent_type_ == "PER")
    last = max(conjuncts, key=lambda t: t.i)
    return together(named_together(people, starts), starts[0].idx if starts else subject.idx,
                    last.idx + len(last.text))


def _entity_start(token: Token) -> int:
    """Where the name a token belongs to starts."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i
