"""Tests on nouns and noun phrases that the stages share: does a noun name someone, what gender does its
determiner give it, where does its phrase end."""

from __future__ import annotations

from spacy.tokens import Token

from veille.nlp.quotes.lexicon.closed_class import (
    DE_BEFORE_NAME,
    DE_FORMS,
    DETERMINER_GENDER,
    PHRASE_ENDING_RELATIVES,
    YEARS,
)
from veille.nlp.quotes.lexicon.marks import PHRASE_END_MARKS
from veille.nlp.quotes.lexicon.people import (
    GROUP_WORDS,
    HUMAN_NOUN_SUFFIXES,
    MIN_LETTERS_HUMAN_NOUN,
    MIN_LETTERS_OPINION_HOLDER,
    PERSON_NOUN_SUFFIXES,
    ROLE_NOUNS,
    THING_NOUN_SUFFIXES,
)


def pronoun_form(word: str) -> str:
    """A pronoun without the hyphen (and euphonic t) of an inverted clitic: "-t-il" -> "il", "-elle" ->
    "elle"."""
    return word.lstrip("-t").lstrip("-")


def is_human_noun(token: Token) -> bool:
    word = token.lower_
    if word in ROLE_NOUNS:
        return True
    if word in GROUP_WORDS or token.pos_ != "NOUN":
        return False
    return word.endswith(HUMAN_NOUN_SUFFIXES) and not word.endswith(THING_NOUN_SUFFIXES) \
        and len(word) >= MIN_LETTERS_HUMAN_NOUN


def is_opinion_holder(token: Token) -> bool:
    """"Pour X, …" gives X's opinion when X is one person: "Pour l'économiste", "Pour Léa Fontanel".
    Not "Pour la première fois", "Pour l'instant", nor "Pour les entreprises, l'enjeu est commercial"
    (for them, not according to them). Stricter than is_human_noun, whose suffixes let "fois" in."""
    if token.ent_type_ == "PER":
        return True
    word = token.lower_
    return token.pos_ == "NOUN" and "Plur" not in token.morph.get("Number") and (
        word in ROLE_NOUNS or len(word) >= MIN_LETTERS_OPINION_HOLDER and word.endswith(PERSON_NOUN_SUFFIXES))


def noun_phrase(head: Token, max_tokens: int, limit: int | None = None) -> list[Token]:
    """A noun phrase with its complements ("un porte-parole de la Commission"), up to a comma, a relative
    clause or `limit`, at most `max_tokens` long."""
    phrase = []
    for t in head.doc[head.left_edge.i: head.right_edge.i + 1]:
        # A relative right after the noun restricts it ("un magistrat qui l'a souvent jugée"): it stays.
        # A phrase never runs over a line break (the parser hangs the next paragraph's words on it).
        if t.i > head.i and (t.text in PHRASE_END_MARKS or t.is_space or t.lower_ in PHRASE_ENDING_RELATIVES
                             and head.doc[t.i - 1].pos_ not in ("NOUN", "PROPN")) or t.i == limit:
            break
        phrase.append(t)
    return phrase[:max_tokens]


def noun_gender(token: Token) -> str | None:
    """The gender the parser's determiner of a noun gives it, else the tagger's."""
    determiner = next((child.lower_ for child in token.children if child.dep_ == "det"), "")
    return DETERMINER_GENDER.get(determiner) or (token.morph.get("Gender") or [None])[0]


def has_complement(role: Token, tokens: list[Token]) -> bool:
    """A complement that may name someone new ("la maire de Séné"); an age ("la joueuse de 27 ans") does
    not, nor a home town after a noun that is no office ("la skieuse de Verbier", "le cycliste de Roubaix"):
    papers use it to vary how they call the person they write about."""
    for k, token in enumerate(tokens):
        if token.lower_ in DE_FORMS:
            following = tokens[k + 1: k + 3]
            if len(following) == 2 and following[0].pos_ == "NUM" and following[1].lower_ == YEARS:
                continue
            if token.lower_ in DE_BEFORE_NAME and following and following[0].text[:1].isupper() \
                    and role.lower_ not in ROLE_NOUNS and role.lower_.endswith(PERSON_NOUN_SUFFIXES):
                continue
            return True
    return False
