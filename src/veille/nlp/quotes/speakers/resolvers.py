"""Who the words that name a speaker stand for. The resolvers are tried in the order of SPEAKER_RESOLVERS;
the first answer (a Speaker, or NoSpeaker to stop) wins, None passes to the next one."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from veille.nlp.entities.patterns import OUTLETS
from veille.nlp.lexicon import PLATFORMS
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import antecedent_before_comma
from veille.nlp.quotes.lexicon.closed_class import (
    AGENT_PREPOSITION,
    DE_FORMS,
    DEFINITE,
    DEFINITE_ARTICLES,
    DEMONSTRATIVES,
    DETERMINER_GENDER,
    DISJUNCTIVE_PRONOUNS,
    ELIDED_ARTICLES,
    INDEFINITE_SUBJECT,
    PARTITIVE_DE,
    PLURAL_DEFINITE_ARTICLE,
    PLURAL_PRONOUNS,
    POSSESSIVES,
    PRONOUN_GENDER,
    SUBJECT_RELATIVE,
    THIRD_PERSON_SUBJECTS,
)
from veille.nlp.quotes.lexicon.marks import HYPHEN
from veille.nlp.quotes.lexicon.people import (
    COLLECTIVE_NOUNS,
    GROUP_WORDS,
    INDEFINITE_SPEAKERS,
    INDEFINITES_NEEDING_A_GROUP,
    INSTITUTION_NOUNS,
    ORGANISATION_DESCRIPTION_NOUNS,
    PERSON_NOUN_SUFFIXES,
    ROLE_NOUNS,
)
from veille.nlp.quotes.nouns import has_complement, is_human_noun, pronoun_form
from veille.nlp.quotes.people import Person, person_at, recent_person, resolve_pronoun, resolve_role
from veille.nlp.quotes.quote import Speaker
from veille.nlp.quotes.speakers.antecedent import subject_antecedent
from veille.nlp.quotes.speakers.appositions import apposed_person, apposed_unlisted_name
from veille.nlp.quotes.speakers.coordination import COORDINATOR, named_together, together
from veille.nlp.quotes.speakers.kinds import phrase_gender, phrase_speaker
from veille.nlp.quotes.speakers.organisations import body_antecedent
from veille.nlp.quotes.speakers.request import NoSpeaker, Resolution, SpeakerRequest

ROLE_OR_GROUP_WORDS = ROLE_NOUNS | GROUP_WORDS
# What opens a noun's complement naming someone else: "le conseiller de X", "l'équipe emmenée par X".
COMPLEMENT_OPENERS = DE_FORMS | {AGENT_PREPOSITION}
NOT_ROLE_NOUNS = (INSTITUTION_NOUNS | COLLECTIVE_NOUNS | ORGANISATION_DESCRIPTION_NOUNS) - ROLE_NOUNS
# A role noun is the phrase's second word, or its third after an adjective ("la jeune femme").
ROLE_NOUN_POSITIONS = slice(1, 3)


def named_person(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """A person of the article the words name ("Claire Dubois", "M. Dubois"), or the person named in
    apposition after them ("Sa présidente, Marianne Chevalley, …"): the fullest name, at the mention
    nearest the words."""
    start = request.start_char
    coordinated = _coordinated_people(ctx, request)
    if coordinated is not None:
        return coordinated
    person = _named_in(ctx, request) or apposed_person(ctx.people, request.tokens[-1], ctx.settings)
    if person is None:
        return None
    mention = min(person.mentions, key=lambda m: abs(m.start_char - start))
    return person.speaker(mention.start_char, mention.end_char)


def _named_in(ctx: QuoteContext, request: SpeakerRequest) -> Person | None:
    """The person the words name; not one named in a complement of a noun ("l'ancien conseiller de Lucie
    Marchal", "les avocats de Paul Rivière", "l'équipe emmenée par Anne Roy"): the noun speaks, not them."""
    tokens = request.tokens
    for k, token in enumerate(tokens):
        if token.ent_type_ == "PER" and token.ent_iob_ == "B" or k == 0:
            person = person_at(ctx.people, token.idx, token.idx + len(token.text))
            if person is None:
                continue
            if k and tokens[k - 1].lower_ in COMPLEMENT_OPENERS and any(t.pos_ == "NOUN" for t in tokens[:k]):
                return None
            return person
    return None


def _coordinated_people(ctx: QuoteContext, request: SpeakerRequest) -> Speaker | None:
    """"Anne Roux et Paul Brun, ont-ils écrit" (GUIDELINES 3.1 point 5): names joined by "et" speak
    together."""
    if not any(t.lower_ == COORDINATOR for t in request.tokens):
        return None
    return together(named_together(ctx.people, request.tokens), request.start_char, request.end_char)


def relative_antecedent(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """"…, a annoncé la préfecture du Gard, qui précise que …": "qui" set after a comma speaks for the
    noun phrase before the comma (the parser often hangs the relative's verb on the main one)."""
    tokens = request.tokens
    if len(tokens) != 1 or tokens[0].lower_ != SUBJECT_RELATIVE:
        return None
    phrase = antecedent_before_comma(tokens[0], ctx.settings)
    if not phrase:
        return None
    antecedent = SpeakerRequest.of(ctx.doc[phrase[0].i: phrase[-1].i + 1], request.before)
    return resolve_speaker(ctx, antecedent) or NoSpeaker("relative without a speaker")


def apposed_name(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """"la directrice du festival, Rim Ben Salem, …": a name NER missed, set after a noun for a person."""
    if not any(is_human_noun(t) for t in request.tokens):
        return None
    name = apposed_unlisted_name(request.tokens[-1], ctx.settings)
    if name is None:
        return None
    return Speaker(name.text, name.start_char, name.end_char, kind="person",
                   gender=phrase_gender(request.tokens))


def _pronoun_of(head: Token) -> str:
    return pronoun_form(head.lower_) if head.pos_ == "PRON" or head.lower_.startswith(HYPHEN) else ""


def indefinite_on(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """"on" names nobody: « … », dit-on."""
    return NoSpeaker("indefinite pronoun") if _pronoun_of(request.tokens[0]) == INDEFINITE_SUBJECT else None


def pronoun(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """il, elle, ils, elles, lui, eux: the last salient subject of the same gender, else the nearest person
    named before of a compatible gender. A pronoun resolved to nobody stops the search."""
    head = request.tokens[0]
    word = _pronoun_of(head)
    if word not in PRONOUN_GENDER:
        return None
    before = request.before
    # The antecedent is looked for before the pronoun, or before the quote when the pronoun follows it.
    end = head.i if head.idx < before else next(
        (t.i for t in ctx.doc[max(0, head.i - ctx.settings.pronoun_anchor_reach): head.i] if t.idx >= before),
        head.i)
    if word in THIRD_PERSON_SUBJECTS:
        antecedent = _resolved(ctx, subject_antecedent(ctx, head, PRONOUN_GENDER[word], end)) \
            or body_antecedent(ctx, head, PRONOUN_GENDER[word], end)
        if antecedent is not None:
            return antecedent
    person = resolve_pronoun(ctx.people, word, before)
    if person is None:
        # "Le ministre de l'Élevage a plaidé … D'après lui, …": nobody named before, "lui" takes up the
        # subject that was only a role.
        if word in DISJUNCTIVE_PRONOUNS:
            return _resolved(ctx, subject_antecedent(ctx, head, PRONOUN_GENDER[word], end)) \
                or NoSpeaker("no antecedent")
        return NoSpeaker("no antecedent")
    # The pronoun's own gender, where the article gave the person none: "« … », dit-elle".
    return person.speaker(head.idx, head.idx + len(head.text),
                          None if word in PLURAL_PRONOUNS else PRONOUN_GENDER[word])


def _resolved(ctx: QuoteContext, antecedent: Speaker | SpeakerRequest | None) -> Speaker | None:
    if isinstance(antecedent, SpeakerRequest):
        return resolve_speaker(ctx, antecedent)
    return antecedent


def _role_noun(tokens: tuple[Token, ...]) -> Token | None:
    """The noun for a person right after the determiner, or after an adjective ("la jeune femme", "le vieil
    homme")."""
    # Not a body that ends like a person's noun ("l'armée", "la chambre").
    # Not a name the tagger took for a noun ("La Norvège").
    role = next((t for t in tokens[ROLE_NOUN_POSITIONS] if is_human_noun(t) and t.lower_ not in NOT_ROLE_NOUNS
                 and (t.lower_ in ROLE_NOUNS or not t.text[:1].isupper())), None)
    if role is not None and role.i > tokens[1].i and tokens[1].pos_ != "ADJ":
        return None
    return role


def role_noun(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """"la ministre", "l'entraîneur grenoblois": someone the article named before. A possessive ("son
    porte-parole") or a complement ("la maire de Séné") may name someone new: only a person the article
    gave that role then."""
    tokens, before = request.tokens, request.before
    role = _role_noun(tokens)
    determiner = tokens[0].lower_
    if role is None or determiner not in DEFINITE or determiner == PLURAL_DEFINITE_ARTICLE:
        return None
    following = next((t for t in tokens if t.i > role.i and t.pos_ != "ADJ"), None)
    if following is not None and following.text[:1].isupper() and following.ent_type_ != "PER":
        return None  # "le quotidien El Diario": the name set right after the noun

    person = resolve_role(ctx.people, role.lower_, before)
    # A demonstrative always takes up someone already named ("ce père de trois enfants").
    bare = determiner in DEMONSTRATIVES or determiner not in POSSESSIVES and not has_complement(
        role, list(tokens[role.i - tokens[0].i + 1:]))
    gender = DETERMINER_GENDER.get(determiner) or (role.morph.get("Gender") or [None])[0]
    if person is None and bare:
        person = recent_person(ctx.people, before, gender=gender)
    if person is None and determiner in DEFINITE_ARTICLES and _names_a_person(role):
        # "Hélène Féraud l'a gardée. « … », tranche la cheffe d'atelier": with a complement, the role takes
        # up a person named in the same paragraph (papers vary how they call who they write about).
        # Named before the role, not in its complement ("l'ancien conseiller de Lucie Marchal").
        person = recent_person(ctx.people, min(before, request.start_char),
                               _paragraph_start(ctx, request.start_char) - 1, gender)
        if person is not None and person.gender not in (None, gender) and gender is not None:
            person = None
    if person is None:
        return None
    return person.speaker(request.start_char, request.end_char, phrase_gender(tokens))


def _names_a_person(role: Token) -> bool:
    """A role noun or a noun ending like a person's ("la gardienne"), not any noun ending like one ("la
    chambre d'agriculture")."""
    return role.lower_ in ROLE_NOUNS or role.lower_.endswith(PERSON_NOUN_SUFFIXES)


def _paragraph_start(ctx: QuoteContext, offset: int) -> int:
    k = bisect_right(ctx.paragraphs, (offset, len(ctx.text) + 1)) - 1
    return ctx.paragraphs[max(0, k)][0] if ctx.paragraphs else 0


def possessor(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """"Selon ses relevés, …", "son bilan": the possessor speaks, the last person or organisation named.
    Platforms and outlets are what articles talk about or cite, hardly ever the possessor of a finding."""
    tokens = request.tokens
    if not (tokens[0].lower_ in POSSESSIVES and len(tokens) > 1 and tokens[1].pos_ == "NOUN"
            and _role_noun(tokens) is None and tokens[1].lower_ not in GROUP_WORDS):
        return None
    before = request.start_char
    person = recent_person(ctx.people, before)
    mention = max((m for m in person.mentions if m.start_char < before), key=lambda m: m.start_char) \
        if person is not None else None
    organisation = max((ent for ent in ctx.doc.ents if ent.label_ == "ORG" and ent.end_char <= before
                        and ent.text not in PLATFORMS and ent.text not in OUTLETS),
                       key=lambda ent: ent.start_char, default=None)
    if organisation is not None and (mention is None or organisation.start_char > mention.start_char):
        return Speaker(organisation.text, organisation.start_char, organisation.end_char, kind="organisation")
    if person is not None:
        return person.speaker(mention.start_char, mention.end_char)
    return None


def phrase_as_written(ctx: QuoteContext, request: SpeakerRequest) -> Resolution:
    """An unnamed speaker, as the article writes it: an indefinite ("Certains", "L'un d'eux") or a noun
    phrase ("un porte-parole de la Commission", "le syndicat")."""
    tokens = request.tokens
    head = tokens[0]
    first_word = next((t for t in tokens if t.lower_ not in ELIDED_ARTICLES), head)
    indefinite = first_word.pos_ != "NOUN" and first_word.lower_ in INDEFINITE_SPEAKERS and (
        first_word.lower_ not in INDEFINITES_NEEDING_A_GROUP or first_word.i > head.i
        or len(tokens) > 1 and tokens[1].lower_ in PARTITIVE_DE)
    if indefinite or any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in ROLE_OR_GROUP_WORDS
                         or t.ent_type_ == "ORG" for t in tokens):
        return phrase_speaker(ctx.text, tokens, request.start_char, request.end_char)
    return None


SPEAKER_RESOLVERS = (relative_antecedent, named_person, apposed_name, indefinite_on, pronoun, role_noun,
                     possessor, phrase_as_written)


def resolve_speaker(ctx: QuoteContext, request: SpeakerRequest) -> Speaker | None:
    if not request.tokens:
        return None
    for resolver in SPEAKER_RESOLVERS:
        result = resolver(ctx, request)
        if result is not None:
            return result if isinstance(result, Speaker) else None
    return None


def speaker_of(ctx: QuoteContext, tokens: list[Token] | tuple[Token, ...], before: int) -> Speaker | None:
    """The speaker the words name, for a quote at char `before`."""
    return resolve_speaker(ctx, SpeakerRequest.of(tokens, before))
