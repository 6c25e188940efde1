"""An organisation speaks under the fullest name the article gives it (GUIDELINES 3.1 point 1): "le
ministère" after "le ministère de l'éducation nationale", "l'AMF" after "l'Autorité des marchés financiers
(AMF)", "Le parquet" after "le parquet de Marseille" are each one speaker, named in full."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from veille.nlp.entities.patterns import OUTLETS
from veille.nlp.lexicon import PLATFORMS
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import is_cue
from veille.nlp.quotes.lexicon.closed_class import (
    DEFINITE_ARTICLES,
    DEMONSTRATIVES,
    PLURAL_PRONOUNS,
    POSSESSIVES,
    SPEAKER_PHRASE_ENDS,
    SUBJECT_CLITICS,
)
from veille.nlp.quotes.lexicon.people import INSTITUTION_NOUNS, ORGANISATION_DESCRIPTION_NOUNS
from veille.nlp.quotes.nouns import noun_gender, noun_phrase, pronoun_form
from veille.nlp.quotes.quote import Speaker
from veille.nlp.quotes.speakers.antecedent import unquoted_before

# The longest name taken for an organisation, in tokens ("le ministère des sports et des Jeux olympiques et
# paralympiques" is 10).
MAX_NAME_TOKENS = 12
# An acronym: capitals (and digits), at most this long ("AMF", "ANSSI", "G7").
MAX_ACRONYM_CHARS = 10
# The documents that speak for the body that issued them.
DOCUMENT_NOUNS = frozenset(
    "rapport étude enquête note communiqué sondage document relevé donnée chiffre calcul estimation bilan "
    "décision arrêté avis cotation statistique baromètre publication projection prévision".split())
# What introduces the issuer after a document noun: "une note de", "publiés par", "réalisée pour".
ISSUER_PREPOSITIONS = frozenset(("de", "du", "des", "d'", "par", "pour"))
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


def body_antecedent(ctx: QuoteContext, pronoun: Token, gender: str | None, end: int) -> Speaker | None:
    """il/elle taking up an organisation ("…, indique le ministère. Or « … », ajoute-t-il"; "La SNCF a
    annoncé … Elle assure que …"): scanning back from the pronoun, outside quotation marks, an institution
    noun or a name NER calls an organisation, of the pronoun's gender and number, met before any person."""
    doc = pronoun.doc
    plural = pronoun_form(pronoun.lower_) in PLURAL_PRONOUNS
    for token in unquoted_before(doc, max(0, end - ctx.settings.subject_reach), end):
        if token.ent_type_ == "PER" or token.pos_ == "PRON" and pronoun_form(token.lower_) in SUBJECT_CLITICS:
            return None  # a person, or an earlier pronoun, is nearer: the person rules decide
        if ("Plur" in token.morph.get("Number")) != plural or not _speaks(token):
            continue
        institution = token.lower_ in INSTITUTION_NOUNS and token.pos_ == "NOUN"
        named = token.ent_type_ == "ORG" and token.ent_iob_ == "B" and token.pos_ == "PROPN"
        if institution and noun_gender(token) in (None, gender) or named:
            phrase = [t for t in noun_phrase(token, MAX_NAME_TOKENS) if t.i >= token.i or t.pos_ == "DET"]
            if phrase:
                first, last = phrase[0], phrase[-1]
                return Speaker(doc[first.i:last.i + 1].text, first.idx, last.idx + len(last.text),
                               kind="organisation")
    return None


def _speaks(token: Token) -> bool:
    """The subject of a verb, or the inverted subject of an incise ("…, indique le ministère")."""
    if token.dep_.startswith("nsubj"):
        return True
    before = list(token.doc[max(0, token.i - 3):token.i])
    cue = next((k for k, t in enumerate(before) if is_cue(t)), None)
    return cue is not None and all(t.pos_ in ("DET", "VERB", "AUX") or is_cue(t) for t in before[cue + 1:])


def _acronyms(doc: Doc) -> dict[str, Name]:
    """"la Haute Autorité de santé (HAS)": the acronym in parentheses right after the name."""
    found = {}
    for token in doc[1:-2]:
        acronym = doc[token.i + 1]
        if token.text != "(" or doc[token.i + 2].text != ")":
            continue
        start = _name_start(doc, token.i)
        if start is not None and token.i - start >= 2 and _is_acronym(acronym.text, doc[start:token.i].text):
            found[acronym.text.upper()] = Name(doc[start:token.i].text, doc[start].idx, token.idx - 1)
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


def _is_acronym(word: str, name: str) -> bool:
    """"AMF", "ANSSI"; or a capitalised word that starts like the name ("Insee", "Ademe"), not a place in
    parentheses ("la mairie (Paris)")."""
    if not (1 < len(word) <= MAX_ACRONYM_CHARS and word.isalnum() and word[0].isupper()):
        return False
    return word.isupper() or word[0] == _core(name)[:1].upper()


def _core(text: str) -> str:
    """The name without its first pointing word, in lower case: "Le ministère" -> "ministère"."""
    words = text.replace("’", "'").split()
    if words and words[0].lower().startswith("l'") and len(words[0]) > 2:
        words[0] = words[0][2:]
    elif words and words[0].lower() in POINTING_WORDS:
        words = words[1:]
    return " ".join(words).lower()


def issuing_body(doc: Doc, speaker: Speaker) -> Speaker:
    """A document speaks for the body that issued it (GUIDELINES 3.1 point 1): "une note de la Fédération
    bancaire française diffusée jeudi" -> "la Fédération bancaire française"; and a name ends before a
    parenthesis or a participle ("l'Observatoire Crédit Logement publié mardi")."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return speaker
    tokens = list(span)
    head = next((t for t in tokens if t.pos_ in ("NOUN", "PROPN")), None)
    if head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
        body = next((k + 1 for k, t in enumerate(tokens) if t.i > head.i and t.lower_ in ISSUER_PREPOSITIONS
                     and k + 1 < len(tokens) and _names_a_body(tokens[k + 1:])), None)
        if body is not None:
            tokens = tokens[body:]
    end = next((k for k, t in enumerate(tokens) if k > 0 and (
        t.text == "(" or t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm"))), len(tokens))
    tokens = tokens[:end]
    if not tokens or (tokens[0].i, tokens[-1].i + 1) == (span.start, span.end):
        return speaker
    first, last = tokens[0], tokens[-1]
    return replace(speaker, text=doc[first.i:last.i + 1].text, start=first.idx, end=last.idx + len(last.text))


def _names_a_body(tokens: list) -> bool:
    """An institution or a name: "la Fédération …", "le ministère de …", "la CRE"."""
    return any(t.lower_ in INSTITUTION_NOUNS or t.text[:1].isupper() for t in tokens[:3])


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


def named_organisations(doc: Doc) -> list[Span]:
    """The organisations the article names (NER's ORG), in text order; not the outlets it cites nor the
    platforms it talks about."""
    return [ent for ent in doc.ents if ent.label_ == "ORG" and ent.text[:1].isupper()
            and ent.text not in OUTLETS and ent.text not in PLATFORMS]


def described_organisation(doc: Doc, speaker: Speaker, named: list[Span], reach: int) -> Speaker:
    """"Valdorix … « … », assure l'entreprise": a definite description of an organisation, with no name of
    its own ("l'entreprise", "le club breton", "le fabricant lyonnais"), takes up the
    organisation named last before it (GUIDELINES 3.1 point 1: the fullest name the article gives)."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or len(span) < 2 or span[0].lower_ not in DEFINITE_ARTICLES | DEMONSTRATIVES \
            or span[0].lower_ == "les":
        return speaker
    head = span[1]
    # Adjectives only: a complement ("l'agence régionale de santé") describes one the article does not name.
    if head.text not in ORGANISATION_DESCRIPTION_NOUNS or any(t.pos_ != "ADJ" or t.text[:1].isupper()
                                                               for t in span[2:]):
        return speaker
    starts = [ent.start_char for ent in named]
    k = bisect_left(starts, speaker.start)
    if not k or speaker.start - named[k - 1].start_char > reach:
        return speaker
    ent = named[k - 1]
    return replace(speaker, text=ent.text, start=ent.start_char, end=ent.end_char)
