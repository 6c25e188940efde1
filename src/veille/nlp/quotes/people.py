"""Stage 2: the article's people, their mentions grouped under the fullest name, with their gender, roles,
title and organisation; and the lookups the speaker resolvers make among them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from veille.nlp.entities.group import is_part_of_name
from veille.nlp.entities.patterns import PERSON_TITLES
from veille.nlp.quotes.lexicon.closed_class import (
    AGENT_PREPOSITION,
    DE_FORMS,
    DEFINITE_ARTICLES,
    DETERMINER_GENDER,
    DETERMINERS_NOT_GIVING_A_ROLE_NOUN_GENDER,
    IMPERSONAL_AFTER_IL,
    ORG_ARTICLE_PREFIXES,
    ORG_PREPOSITIONS,
    PLACE_PREPOSITIONS,
    PRONOUN_GENDER,
    SINGULAR_THIRD_PERSON_SUBJECTS,
    YEARS,
)
from veille.nlp.quotes.lexicon.cues import IMPERSONAL_LEMMAS
from veille.nlp.quotes.lexicon.marks import HYPHEN, OPENING_MARKS, SENTENCE_END_MARKS, WORD_JOINERS
from veille.nlp.quotes.lexicon.people import (
    EPICENE_ROLE_NOUNS,
    FEMININE_ROLE_SUFFIXES,
    FEMININE_TITLES,
    INTERVIEW_PARTICIPLES,
    KINSHIP_GENDER,
    MASCULINE_TITLES,
    ROLE_NOUNS,
)
from veille.nlp.quotes.nouns import is_human_noun, pronoun_form
from veille.nlp.quotes.quote import Speaker
from veille.nlp.quotes.settings import QuoteSettings

# The parts of speech the tagger gives the words of a name it does not know.
NAME_WORD_POS = ("PROPN", "NOUN", "ADJ")
TITLES_WITH_GENDER = FEMININE_TITLES | MASCULINE_TITLES


@dataclass
class Person:
    name: str  # the fullest form in the article
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    title: str | None = None
    org: str | None = None

    def speaker(self, start: int, end: int, gender: str | None = None) -> Speaker:
        """This person as a quote's speaker, named at chars start..end. `gender` is what the words naming
        them there show ("elle", "la ministre"), used when the article gave the person none elsewhere."""
        return Speaker(self.name, start, end, self.title, self.org, kind="person",
                       gender=self.gender or gender)


def _name_of(span: Span) -> str:
    """The name without its title, abbreviated ("M.", "Dr") or spelt out ("docteur Mercier", "capitaine
    Labonté"). NER also calls lowercase phrases persons ("président de la Ligue", "tee-shirt froissé",
    "mère de Jade"): one that does not come to a capitalised word right after its title is no name (an empty
    string)."""
    words = span.text.split()
    while words and words[0] in PERSON_TITLES:
        words = words[1:]
    if len(words) > 1 and words[0].islower() and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words) if words and words[0][:1].isupper() else ""


def _gender_near(span: Span, settings: QuoteSettings) -> str | None:
    """The gender a title or a role noun set next to the name gives it: "Mme Roy", "la maire Anne Roy",
    "Anne Roy, directrice de l'école". Only the words of the name's own sentence count."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in TITLES_WITH_GENDER:
        return "Fem" if doc[span.start - 1].text in FEMININE_TITLES else "Masc"
    if span.text.split()[0] in FEMININE_TITLES:
        return "Fem"
    if span.text.split()[0] in MASCULINE_TITLES:
        return "Masc"
    before = _same_sentence(reversed(doc[max(0, span.start - settings.role_gender_reach): span.start]))
    for token in before:
        gender = role_noun_gender(token) if token.lower_ in ROLE_NOUNS else None
        if gender:
            return gender
    # An apposition right after the name: "Anne Roy, chercheuse à l'Institut", "Anne Roy, la maire", "Anne
    # Roy, aujourd'hui directrice"; not a complement ("Anne Roy, au premier étage").
    if span.end < len(doc) and doc[span.end].text == ",":
        after = doc[span.end + 1: span.end + 1 + settings.role_gender_reach]
        role = next((token for token in after if token.pos_ not in ("DET", "ADV")), None)
        if role is not None and role.lower_ in ROLE_NOUNS:
            return role_noun_gender(role)
    return None


def _same_sentence(tokens: Iterable[Token]) -> list[Token]:
    """The tokens up to a sentence end or a paragraph break ("… une première. Réjean Fournier …")."""
    kept = []
    for token in tokens:
        if token.text in SENTENCE_END_MARKS or "\n" in token.text:
            break
        kept.append(token)
    return kept


def role_noun_gender(token: Token) -> str | None:
    """A role noun's gender from its determiner, else from its form. Not from "son", which also goes before a
    feminine noun opening with a vowel ("son avocate"), nor from the tagger, which is unreliable on role nouns
    and gives one to nouns of either gender ("la pédiatre", "le pédiatre")."""
    doc = token.doc
    determiner = doc[token.i - 1].lower_ if token.i > 0 else ""
    if determiner not in DETERMINERS_NOT_GIVING_A_ROLE_NOUN_GENDER and determiner in DETERMINER_GENDER:
        return DETERMINER_GENDER[determiner]
    return _form_gender(token.lower_)


def _form_gender(word: str) -> str | None:
    """The gender a role noun's form shows: "coordinatrice", "avocate" ("avocat" + e), "conseillère"
    ("conseiller") are feminine; a role noun ending otherwise than in e is masculine ("colonel",
    "conseiller"), save the few said of women as they are ("la médecin", "la chef"); one ending in e is of
    either gender ("ministre", "pédiatre"), save kinship nouns ("père", "mère")."""
    if word in KINSHIP_GENDER:
        return KINSHIP_GENDER[word]
    if word.endswith(FEMININE_ROLE_SUFFIXES) or word.endswith("e") and word[:-1] in ROLE_NOUNS \
            or word.endswith("ère") and word[:-3] + "er" in ROLE_NOUNS:
        return "Fem"
    if word.endswith("e") or word in EPICENE_ROLE_NOUNS:
        return None
    return "Masc"


def _gender_taken_up(span: Span, settings: QuoteSettings) -> str | None:
    """The gender of the pronoun that takes a name up as the next subject ("Anne Roy dirige le club.
    Elle …"), when nobody else is named in between. (Participles and adjectives said of the name were
    tried too: the tagger's gender on them is unreliable and they made resolution worse.)"""
    doc = span.doc
    for token in doc[span.end: span.end + settings.pronoun_reach]:
        # Past a quotation mark, "il"/"elle" is the quoted person's word for something else.
        if token.ent_type_ == "PER" or token.text in OPENING_MARKS:
            return None
        if token.lower_ in SINGULAR_THIRD_PERSON_SUBJECTS and token.dep_.startswith("nsubj") \
                and token.head.lemma_ not in IMPERSONAL_LEMMAS \
                and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in IMPERSONAL_AFTER_IL):
            return PRONOUN_GENDER[token.lower_]
    return None


def _names_organisation(tokens: list[Token]) -> bool:
    """'chez Defence IQ', 'de l'Unicef': an organisation, not a phrase about a person ('père d'un élève de
    quatrième') nor a place ('à Lyon')."""
    if tokens and tokens[0].lower_ in DEFINITE_ARTICLES:
        tokens = tokens[1:]
    if not tokens:
        return False
    first = tokens[0]
    if first.ent_type_ == "ORG":
        return True
    return first.text[:1].isupper() and first.ent_type_ not in ("LOC", "GPE", "PER")


def _apposition(span: Span, settings: QuoteSettings) -> tuple[str | None, str | None, set[str]]:
    """'X, rédacteur en chef chez Y,' -> ('rédacteur en chef', 'Y', {'rédacteur'})."""
    doc = span.doc
    # Not the role whose complement the name is: "le conseiller de Lucie Marchal" is someone else.
    roles = set() if span.start and doc[span.start - 1].lower_ in DE_FORMS else {
        token.lower_ for token in doc[max(0, span.start - settings.role_window): span.start]
        if token.lower_ in ROLE_NOUNS}
    if span.end < len(doc) and doc[span.end].text == ",":
        tokens = []
        for token in doc[span.end + 1: span.end + settings.apposition_title_reach]:
            if token.is_punct and token.text not in WORD_JOINERS:
                break
            tokens.append(token)
        if tokens and (tokens[0].lower_ in ROLE_NOUNS or tokens[0].pos_ in ("NOUN", "DET")):
            roles |= {token.lower_ for token in tokens if token.lower_ in ROLE_NOUNS}
            split = next((i for i, token in enumerate(tokens)
                          if i > 0 and token.lower_ in ORG_PREPOSITIONS
                          and _names_organisation(tokens[i + 1:])), None)
            if split is None:
                return doc[tokens[0].i: tokens[-1].i + 1].text, None, roles
            title = doc[tokens[0].i: tokens[split].i].text
            org = doc[tokens[split].i + 1: tokens[-1].i + 1].text if split + 1 < len(tokens) else None
            if org:
                for prefix in ORG_ARTICLE_PREFIXES:
                    org = org.removeprefix(prefix)
            if tokens[0].pos_ == "DET" and tokens[0].lower_ not in ROLE_NOUNS:
                title = doc[tokens[1].i: tokens[split].i].text if split > 1 else title
            return title or None, org or None, roles
    return None, None, roles


def _whole_name(span: Span, settings: QuoteSettings) -> Span:
    """NER clips some names ("Anne-Catherine" of "Anne-Catherine Degrave"): take the capitalised name
    words that follow it. The tagger often takes an unknown surname for an adjective or a noun; inside a
    French sentence a capitalised noun or adjective right after a first name is still part of the name."""
    doc, end = span.doc, span.end
    while end < len(doc) and end - span.end < settings.name_extension_words \
            and doc[end].pos_ in NAME_WORD_POS and doc[end].text[:1].isupper() and not doc[end].ent_type_:
        end += 1
    # The tokenizer splits some double surnames and NER keeps the first half: "Aminata Diallo" "-" "Sow".
    if end + 1 < len(doc) and doc[end].text == HYPHEN and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    return doc[span.start:end] if end > span.end else span


def _is_person(ent: Span, name_words: set[str]) -> bool:
    """NER calls many lone capitalised words persons: places ("une habitante de Felletin", "le marché
    Sandaga"), capitalised common words at a line start ("Infirmière en soins…"). A lone word is a person
    only when it is tagged a proper noun and stands neither after a preposition nor after a noun that it
    names (a place, a street); a word of a fuller name in the article always is."""
    if _names_the_interviewer(ent):
        return False
    if len(ent) > 1 or ent.text in name_words:
        return True
    token = ent[0]
    if token.pos_ != "PROPN":
        return False
    previous = ent.doc[token.i - 1] if token.i > 0 else None
    return previous is None or not (previous.lower_ in PLACE_PREPOSITIONS
                                    or previous.pos_ == "NOUN" and not is_human_noun(previous))


def _names_the_interviewer(ent: Span) -> bool:
    """"Interrogée par Vélo Wallonie, la coureuse …", "Contacté par Kin Matin": the name after "interrogé
    par", "contacté par", "joint par", "sollicité par" is the outlet that asked, not a person."""
    doc = ent.doc
    return ent.start >= 2 and doc[ent.start - 1].lower_ == AGENT_PREPOSITION \
        and doc[ent.start - 2].lower_.startswith(INTERVIEW_PARTICIPLES)


def _names_given_an_age(doc: Doc) -> list[Span]:
    """The people NER misses or calls a place or a thing, known by the age French papers set after a
    person's name ("Sarah, 29 ans, …", "Olena Kravets, 41 ans"), with the other mentions of their names."""
    named = [_name_ending_at(token) for token in doc[:-3] if _is_name_word(token)
             and token.ent_type_ not in ("PER", "ORG") and doc[token.i + 1].text == ","
             and doc[token.i + 2].like_num and doc[token.i + 3].lower_ == YEARS]
    words = {word for name in named for word in name.text.split()}
    mentions, i = [], 0
    while i < len(doc):
        end = i
        while end < len(doc) and doc[end].text in words and doc[end].ent_type_ != "PER":
            end += 1
        if end > i:
            mentions.append(doc[i:end])
        i = max(end, i + 1)
    return mentions


def _name_ending_at(token: Token) -> Span:
    """The name whose last word is `token`: the capitalised proper nouns before it ("Olena Kravets")."""
    doc, start = token.doc, token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and _is_name_word(doc[start - 1]):
        start -= 1
    return doc[start: token.i + 1]


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and token.text not in PERSON_TITLES


def people_of(doc: Doc, settings: QuoteSettings) -> list[Person]:
    """The article's people, their mentions grouped under the fullest name."""
    people: list[Person] = []
    evidence: dict[int, Counter] = {}  # the pronouns that take up each person's mentions
    names = [_whole_name(ent, settings) for ent in doc.ents if ent.label_ == "PER"]
    name_words = {word for name in names if len(name) > 1 for word in name.text.split()}
    unlabelled = _names_given_an_age(doc)
    for ent in sorted(names + unlabelled, key=lambda span: span.start):
        if ent not in unlabelled and not _is_person(ent, name_words):
            continue
        name = _name_of(ent)
        if len(name) < 2:
            continue
        gender = _gender_near(ent, settings)
        taken_up = _gender_taken_up(ent, settings)
        # A name inside a complement is not what the pronoun takes up ("la veuve de Rachid Amrani … Elle").
        is_complement = any(child.dep_ == "case" for child in ent.root.children)
        match = _person_named(people, name, gender or (None if is_complement else taken_up))
        if match is None:
            match = Person(name=name)
            people.append(match)
        match.mentions.append(ent)
        if gender and not match.gender:
            match.gender = gender
        if taken_up:
            evidence.setdefault(id(match), Counter())[taken_up] += 1
        title, org, roles = _apposition(ent, settings)
        match.roles |= roles
        if title and not match.title:
            match.title, match.org = title, org
    for person in people:
        votes = evidence.get(id(person))
        if person.gender is None and votes:
            (first, count), *rest = votes.most_common()
            if not rest or rest[0][1] < count:
                person.gender = first
    return people


def _person_named(people: Iterable[Person], name: str, gender: str | None) -> Person | None:
    """The person already met under this name or a shorter or fuller form of it, whose gender does not
    contradict this mention's: "M. Gélinas" and, later, "Louise Gélinas, sa fille. Elle …" are two people of
    one family. A fuller form becomes the person's name."""
    compatible = [p for p in people if gender is None or p.gender in (None, gender)]
    match = next((p for p in compatible if p.name == name or _is_short_form(name, p.name)), None)
    if match is None:
        match = next((p for p in compatible if _is_short_form(p.name, name)), None)
        if match is not None:
            match.name = name
    return match


def _is_short_form(short: str, full: str) -> bool:
    """'Le Pen' or 'Marine' for 'Marine Le Pen'; also one of the surnames of a name of three words or more
    ('le docteur Lukusa' for 'Trésor Lukusa Mbuyi')."""
    words = full.split()
    return is_part_of_name(short, full) or len(words) > 2 and short in words[1:]


# ---- lookups among the people ---------------------------------------------------------------------
def person_at(people: Iterable[Person], start: int, end: int) -> Person | None:
    for person in people:
        for mention in person.mentions:
            if mention.start_char < end and start < mention.end_char:
                return person
    return None


def last_mention_before(person: Person, offset: int) -> int:
    return max((m.start_char for m in person.mentions if m.start_char < offset), default=-1)


def resolve_pronoun(people: Iterable[Person], pronoun: str, before: int) -> Person | None:
    """The nearest person named before `before` whose gender does not contradict the pronoun."""
    gender = PRONOUN_GENDER.get(pronoun_form(pronoun.lower()))
    candidates = [p for p in people if last_mention_before(p, before) >= 0]
    if gender:
        compatible = [p for p in candidates if p.gender in (None, gender)]
        candidates = compatible or candidates
    # NER calls many lone capitalised words persons ("Chabanel", "Rhubarbe", a word opening a line): a
    # pronoun goes first to the people named in full or more than once.
    candidates = [p for p in candidates if len(p.name.split()) > 1 or len(p.mentions) > 1] or candidates
    return max(candidates, key=lambda p: last_mention_before(p, before), default=None)


def resolve_role(people: Iterable[Person], role: str, before: int) -> Person | None:
    """'la ministre' goes to the nearest earlier person the article gave that role."""
    candidates = [p for p in people if role in p.roles and last_mention_before(p, before) >= 0]
    return max(candidates, key=lambda p: last_mention_before(p, before), default=None)


def recent_person(people: Iterable[Person], before: int, after: int = -1,
                  gender: str | None = None) -> Person | None:
    """The person mentioned last before `before` (and after `after`), of a compatible gender."""
    candidates = [p for p in people if last_mention_before(p, before) > after]
    if gender:
        candidates = [p for p in candidates if p.gender in (None, gender)] or candidates
    return max(candidates, key=lambda p: last_mention_before(p, before), default=None)
