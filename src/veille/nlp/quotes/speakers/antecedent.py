"""The antecedent of a subject pronoun: the last salient subject of the same gender (centering)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from veille.nlp.entities.patterns import PERSON_TITLES
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.lexicon.closed_class import INDEFINITE_ARTICLES, PLURAL_PRONOUNS, POSSESSIVES
from veille.nlp.quotes.lexicon.cues import CUE_LEMMAS, ELIDED_DE, SOURCE_INTRODUCERS
from veille.nlp.quotes.lexicon.marks import CLOSING_MARKS, COMMA, HYPHEN, OPENING_MARKS, SENTENCE_END_MARKS
from veille.nlp.quotes.lexicon.people import (
    GROUP_WORDS,
    KINSHIP_GENDER,
    MIN_LETTERS_SUFFIXED_PERSON_NOUN,
    PEOPLE_NOUNS,
    ROLE_NOUNS,
    UNAMBIGUOUS_PERSON_SUFFIXES,
)
from veille.nlp.quotes.nouns import is_human_noun, noun_gender, noun_phrase, pronoun_form
from veille.nlp.quotes.people import Person, last_mention_before, person_at
from veille.nlp.quotes.quote import Speaker
from veille.nlp.quotes.speakers.coordination import coordinated_subject
from veille.nlp.quotes.speakers.request import SpeakerRequest

PERSON_OR_ROLE_NOUNS = ROLE_NOUNS | PEOPLE_NOUNS


def unquoted_before(doc, start: int, end: int) -> Iterator[Token]:
    """The tokens from `end` back to `start`, but those inside quotation marks (someone else's words)."""
    depth = 0
    for token in reversed(doc[start:end]):
        if token.text in CLOSING_MARKS:
            depth += 1
        elif token.text in OPENING_MARKS:
            depth = max(0, depth - 1)
        if not depth:
            yield token


def subject_antecedent(ctx: QuoteContext, pronoun: Token, gender: str | None, end: int
                       ) -> Speaker | SpeakerRequest | None:
    """A subject pronoun takes up the last subject of the same gender (centering): "Damien Lefèvre a fait le
    choix inverse pour son fils. « … », tranche-t-il." goes to Damien Lefèvre, not to a person merely
    mentioned in between. Earlier il/elle of the same gender carry the same referent; words inside
    quotation marks are someone else's and are skipped. An antecedent that names nobody ("Le ministère …
    Il rappelle que …") comes back as the request to resolve its noun phrase."""
    doc = pronoun.doc
    people = ctx.people
    plural = pronoun_form(pronoun.lower_) in PLURAL_PRONOUNS
    for token in unquoted_before(doc, max(0, end - ctx.settings.subject_reach), end):
        if not _is_salient(token):
            continue
        if token.pos_ == "PRON" or token.lower_.startswith(HYPHEN):
            # "Martine Collard, elle, a déjà …": the name the pronoun repeats.
            if token.i > 1 and doc[token.i - 1].text == COMMA and doc[token.i - 2].ent_type_ == "PER":
                token = doc[token.i - 2]
            else:
                continue
        if plural and token.ent_type_ == "PER":
            group = coordinated_subject(people, token)
            if group is not None:
                return group
        person = None if plural else _named_person(people, token) or _person_set_after(people, token)
        if person is None and token.pos_ == "NOUN" and ("Plur" in token.morph.get("Number")) == plural \
                and any(child.dep_ == "det" for child in token.children) \
                and (_names_someone(token) or _speaks_as_a_body(token, pronoun) or _reports(token)):
            person = _apposed_name(people, token)
            if person is None:
                if noun_gender(token) not in (None, gender) or _relative_of_the_subject(token):
                    continue
                phrase = _subject_phrase(token, ctx.settings.max_speaker_tokens)
                return SpeakerRequest.of(phrase, phrase[0].idx)
        if person is not None and person.gender in (None, gender):
            return person.speaker(pronoun.idx, pronoun.idx + len(pronoun.text), gender)
    return None


def _opens_sentence(token: Token) -> bool:
    """A name or a noun phrase that opens a sentence or a paragraph: its subject, whatever label the parser
    gave it (it often runs a sentence over a paragraph break and takes the name for an object)."""
    doc = token.doc
    if token.ent_type_ == "PER":
        if token.ent_iob_ != "B":
            return False
        start = token.i
    else:
        start = min((child.i for child in token.children if child.dep_ == "det"), default=token.i)
    if start == 0:
        return True
    previous = doc[start - 1]
    return previous.text in SENTENCE_END_MARKS or previous.is_space and "\n" in previous.text


def _is_salient(token: Token) -> bool:
    """The subject of a main clause, an inverted clitic, a name or a noun phrase opening a sentence, or a
    person given as a source at the start of a clause ("Selon Anne Roy, …")."""
    if token.lower_.startswith(HYPHEN):
        return True
    if token.pos_ in ("NOUN", "PROPN") and _opens_sentence(token) and not _is_a_verbless_sentence(token):
        return True
    if token.dep_.startswith("nsubj") or token.dep_ == "expl:subj":
        # Not a subordinate clause's ("que son client connaissait …"); the parser's sentences run over
        # paragraph breaks, so a main clause may hang on the previous one without a subordinator.
        head = token.head
        return not head.dep_.startswith(("acl", "advcl")) and not any(
            child.dep_ == "mark" for child in head.children)
    return (token.ent_type_ == "PER" or token.pos_ == "NOUN") and any(
        child.dep_ == "case" and child.lower_ in SOURCE_INTRODUCERS and (
            child.i == 0 or token.doc[child.i - 1].is_punct or token.doc[child.i - 1].is_space
            or token.doc[child.i - 1].lower_ == ELIDED_DE)
        for child in token.children)


def _is_a_verbless_sentence(token: Token) -> bool:
    """"Un menuisier installé à Ciney. Une infirmière.": a list of examples, not a subject."""
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and not any(
        child.pos_ in ("VERB", "AUX") for child in token.children)


def _subject_phrase(token: Token, max_tokens: int) -> list[Token]:
    """The subject's noun phrase, from its determiner (the parser sometimes hangs a fronted adjunct on it)."""
    phrase = noun_phrase(token, max_tokens)
    first = min((child.i for child in token.children if child.dep_ == "det"), default=token.i)
    return [t for t in phrase if t.i >= first]


def _apposed_name(people: Iterable[Person], subject: Token) -> Person | None:
    """'Un administrateur de la coopérative, céréalier, Hervé Pichon, soutient …': a name set between
    commas between the subject and its verb names the subject, and so does a name the subject is set after."""
    doc = subject.doc
    for token in doc[subject.i + 1: subject.head.i]:
        if token.ent_type_ == "PER" and token.ent_iob_ == "B" and (
                doc[token.i - 1].text == COMMA or doc[token.i - 1].text in PERSON_TITLES
                and doc[token.i - 2].text == COMMA):
            return person_at(people, token.idx, token.idx + len(token.text))
    # "Louise Gélinas, la fille du résident, passe …": the name the subject phrase is set after.
    start = min((child.i for child in subject.children if child.dep_ == "det"), default=subject.i)
    if start >= 2 and doc[start - 1].text == COMMA and doc[start - 2].ent_type_ == "PER":
        return person_at(people, doc[start - 2].idx, doc[start - 2].idx + len(doc[start - 2].text))
    return None


def _names_someone(token: Token) -> bool:
    """A noun for a person ("la maire", "un habitant"); short words ("une liste", "la piste") only end
    like one."""
    word = token.lemma_.lower() if "Plur" in token.morph.get("Number") else token.lower_
    return word in PERSON_OR_ROLE_NOUNS or len(word) >= MIN_LETTERS_SUFFIXED_PERSON_NOUN and word.endswith(
        UNAMBIGUOUS_PERSON_SUFFIXES)


def _speaks_as_a_body(token: Token, pronoun: Token) -> bool:
    """'Le ministère … a pris acte. Il rappelle que …', 'La cour d'appel … Elle estime que …': a body or a
    document takes up a preverbal il/elle. Not an inverted clitic after a quote (« … », dit-elle): quoted
    words are a person's. Not a possessed group either ('son équipe', 'son groupe'): its owner is the
    topic."""
    return token.lower_ in GROUP_WORDS and not pronoun.lower_.startswith(HYPHEN) and not any(
        child.dep_ == "det" and "Poss=Yes" in str(child.morph) for child in token.children)


def _reports(subject: Token) -> bool:
    """"Un animateur romand … a raconté avoir signalé …", "Un retraité de Lévis a témoigné": someone new,
    brought in unnamed as the subject of a reporting verb, speaks."""
    return subject.dep_ == "nsubj" and subject.head.lemma_ in CUE_LEMMAS and is_human_noun(subject) and any(
        child.dep_ == "det" and child.lower_ in INDEFINITE_ARTICLES for child in subject.children)


def _person_set_after(people: Iterable[Person], token: Token) -> Person | None:
    """"la Rochelaise Manon Guérin crée la surprise": the name the subject word is followed by, which the
    parser hangs on it as an apposition."""
    name = next((child for child in token.children if child.dep_ == "appos" and child.ent_type_ == "PER"),
                None)
    return person_at(people, name.idx, name.idx + len(name.text)) if name is not None else None


def _relative_of_the_subject(token: Token) -> bool:
    """"Sa mère montre désormais ses vidéos. « … », sourit-elle.": a relative the portrait mentions in passing
    is not who speaks next; the person the portrait is about is."""
    return token.lower_ in KINSHIP_GENDER and any(
        child.dep_ == "det" and child.lower_ in POSSESSIVES for child in token.children)


def _named_person(people: Iterable[Person], token: Token) -> Person | None:
    """The person a name token stands for, also where NER missed this mention ("Sarah sourit")."""
    if token.ent_type_ == "PER":
        return person_at(people, token.idx, token.idx + len(token.text))
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    named = [p for p in people if token.text in p.name.split()]
    return max(named, key=lambda p: last_mention_before(p, token.idx), default=None)
