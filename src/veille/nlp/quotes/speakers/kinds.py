"""What kind of speaker an unnamed speaker phrase is (speaker_kind), and the gender its words show
(speaker_gender). A speaker resolved to a person of the article is built by `Person.speaker` (kind
"person"); this module sorts the rest: the phrases as written ("le ministère", "un porte-parole", "les
syndicats", "Certains") and organisations named by NER. The rules are in the quotes README."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from veille.nlp.quotes.lexicon.closed_class import (
    DETERMINER_GENDER,
    DETERMINERS_NOT_GIVING_A_ROLE_NOUN_GENDER,
    ELIDED_ARTICLES,
    INDEFINITE_ARTICLES,
    PLURAL_DETERMINERS,
    SINGULAR_DETERMINERS,
)
from veille.nlp.quotes.lexicon.people import (
    COLLECTIVE_NOUNS,
    FIXED_GENDER_NOUNS,
    GROUP_WORDS,
    INDEFINITE_SPEAKERS,
    INSTITUTION_NOUNS,
    KINSHIP_GENDER,
    ONE_PERSON_NOUNS,
    ORGANISATION_DESCRIPTION_NOUNS,
    PEOPLE_NOUN_GENDER,
    PEOPLE_NOUNS,
    PERSON_NOUN_SUFFIXES,
    ROLE_NOUNS,
)
from veille.nlp.quotes.people import role_noun_gender
from veille.nlp.quotes.quote import Speaker, SpeakerKind

HEAD_WORDS = ROLE_NOUNS | GROUP_WORDS | INSTITUTION_NOUNS | COLLECTIVE_NOUNS | ONE_PERSON_NOUNS | PEOPLE_NOUNS


def phrase_head(tokens: Sequence[Token]) -> Token | None:
    """The word a speaker phrase is about: its first noun, proper noun or word of the lexicon ("le
    ministère de l'Intérieur" -> ministère, "la jeune femme" -> femme), or an indefinite pronoun
    ("Certains", "L'un d'eux")."""
    for token in tokens:
        word = token.lower_
        if token.pos_ in ("NOUN", "PROPN") or word in HEAD_WORDS or token.ent_type_ == "ORG":
            return token
        if word in INDEFINITE_SPEAKERS and token.pos_ != "DET":
            return token
    return None


def _is_plural(tokens: Sequence[Token], head: Token) -> bool:
    """Several: a plural determiner first ("les", "des", "ces", "plusieurs"), an indefinite pronoun for
    several ("Certains"), or, with no singular determiner, a head the tagger calls plural ("experts")."""
    first = tokens[0].lower_
    if first in PLURAL_DETERMINERS or head.lower_ in INDEFINITE_SPEAKERS - INDEFINITE_ARTICLES:
        return True
    return first not in SINGULAR_DETERMINERS and "Plur" in head.morph.get("Number")


def _names_one_person(word: str) -> bool:
    """A noun for one person: a role ("porte-parole"), anyone ("femme"), a relation ("une amie"), or a
    noun ending like a person's ("chercheuse", "juriste", "signataire")."""
    return word in ROLE_NOUNS or word in PEOPLE_NOUNS or word in ONE_PERSON_NOUNS or word in KINSHIP_GENDER \
        or word.endswith(PERSON_NOUN_SUFFIXES)


def _is_organisation_name(head: Token) -> bool:
    """A name NER gives an organisation or a product (ORG, MISC: "Meta", "TikTok"), or an acronym
    ("l'ARS", "le CIRFA"); a name it calls a person is not one."""
    if head.ent_type_ in ("ORG", "MISC"):
        return True
    return head.pos_ == "PROPN" and head.ent_type_ != "PER" and len(head.text) > 1 and head.text.isupper()


def phrase_kind(tokens: Sequence[Token]) -> SpeakerKind | None:
    """organisation: a name of an organisation, or one institution noun ("la préfecture", "le rapport");
    group: several people or bodies ("les syndicats", "des habitants", "Certains", "l'entourage"); role:
    one unnamed person ("un porte-parole", "la ministre", "une source", "L'un d'eux"); else unknown (None):
    "les chiffres", a name NER took for a person but the article's people do not hold."""
    head = phrase_head(tokens)
    if head is None:
        return None
    word = head.lower_
    plural = _is_plural(tokens, head)
    if plural:
        lemma = head.lemma_.lower()
        several = word in INDEFINITE_SPEAKERS or word in GROUP_WORDS or lemma in INSTITUTION_NOUNS \
            or _names_one_person(lemma) or _names_one_person(word)
        return "group" if several else None
    if _is_organisation_name(head) or word in INSTITUTION_NOUNS or word in ORGANISATION_DESCRIPTION_NOUNS:
        return "organisation"
    if word in COLLECTIVE_NOUNS:
        return "group"
    if word in INDEFINITE_ARTICLES or _names_one_person(word):
        return "role"
    return None


def phrase_gender(tokens: Sequence[Token]) -> str | None:
    """The gender one unnamed person's phrase shows: its determiner ("la porte-parole", "une source"), an
    indefinite pronoun ("L'une d'elles"), the meaning ("une femme") or the form of a role noun
    ("l'avocate"). Not from a noun whose gender is fixed ("une source", "un témoin"); of an organisation or
    a group: none."""
    if phrase_kind(tokens) != "role":
        return None
    head = phrase_head(tokens)
    word = head.lower_
    if word in FIXED_GENDER_NOUNS:
        return None
    if word in INDEFINITE_ARTICLES:
        return DETERMINER_GENDER[word]
    determiner = tokens[0].lower_ if tokens[0].i < head.i else ""
    if determiner in DETERMINER_GENDER and determiner not in DETERMINERS_NOT_GIVING_A_ROLE_NOUN_GENDER:
        return DETERMINER_GENDER[determiner]
    if word in PEOPLE_NOUN_GENDER:
        return PEOPLE_NOUN_GENDER[word]
    if word in ROLE_NOUNS and (determiner in ELIDED_ARTICLES or not determiner):
        return role_noun_gender(head)
    return None


def phrase_speaker(text: str, tokens: Sequence[Token], start: int, end: int) -> Speaker:
    """An unnamed speaker as the article writes it, with its kind and the gender its words show."""
    return Speaker(text[start:end], start, end, kind=phrase_kind(tokens), gender=phrase_gender(tokens))
