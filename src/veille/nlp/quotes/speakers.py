"""Who is speaking: the people of the article, their gender and roles, and the resolution of pronouns,
role nouns and short names to the fullest name the article gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from veille.nlp.entities.group import is_part_of_name
from veille.nlp.entities.patterns import OUTLETS, PERSON_TITLES
from veille.nlp.lexicon import PLATFORMS
from veille.nlp.quotes.doc_text import text_of
from veille.nlp.quotes.patterns import (
    CUE_LEMMAS,
    GROUP_WORDS,
    INDEFINITE_SPEAKERS,
    PRONOUN_GENDER,
    ROLE_NOUNS,
)

# "Dre": docteure, as Quebec and Swiss papers write it.
FEMININE_TITLES = {"Mme", "Mmes", "Mlle", "Dre"}
# Suffixes of nouns for people ("un économiste", "une chercheuse"); stricter than is_human_noun's ("une
# étude", "l'instant", "la fois" end like people there).
PERSON_NOUN_SUFFIXES = ("eur", "euse", "rice", "iste", "ien", "ienne", "logue", "ier", "ière", "aire")
MASCULINE_TITLES = {"M.", "MM."}
# Role nouns not ending in e that French also uses, unchanged, for women.
EPICENE_ROLE_NOUNS = {"médecin", "chef", "pdg"}
# Nouns for anyone, which papers use for a witness they do not name ("Un homme d'une cinquantaine d'années").
PEOPLE_NOUNS = {"homme", "femme", "garçon", "fille", "adolescent", "adolescente", "retraité", "retraitée"}
# Kinship nouns: their meaning, not their ending, gives their gender.
KINSHIP_GENDER = {"père": "Masc", "mère": "Fem", "fils": "Masc", "fille": "Fem", "frère": "Masc",
                  "sœur": "Fem", "mari": "Masc", "épouse": "Fem"}
# How far back the subject a pronoun takes up is looked for, in tokens.
SUBJECT_REACH = 60
CLOSING_MARKS = ("»", "”")
OPENING_MARKS = ("«", "“")
# How far around a name an apposition or a role noun is looked for, in tokens.
ROLE_WINDOW = 6
# How far after a name the pronoun that takes it up is looked for, in tokens.
PRONOUN_REACH = 40
IMPERSONAL_LEMMAS = {"falloir", "sembler", "paraître", "agir", "rester", "exister", "pleuvoir"}
# How far after a speaker phrase the comma of a name in apposition may stand, in tokens.
APPOSITION_REACH = 12
NAME_WORD_POS = ("PROPN", "NOUN", "ADJ")
INTERVIEW_PARTICIPLES = ("interrogé", "contacté", "joint", "sollicité", "questionné")
PLACE_PREPOSITIONS = {"à", "au", "aux", "en", "de", "d'", "du", "des", "sur"}


@dataclass
class Person:
    name: str  # the fullest form in the article
    mentions: list[Span] = field(default_factory=list)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    title: str | None = None
    org: str | None = None


@dataclass
class Speaker:
    text: str
    start: int
    end: int
    title: str | None = None
    org: str | None = None


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


def _gender_near(span: Span) -> str | None:
    """The gender a title or a role noun set next to the name gives it: "Mme Roy", "la maire Anne Roy",
    "Anne Roy, directrice de l'école". Only the words of the name's own sentence count."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].text in FEMININE_TITLES | MASCULINE_TITLES:
        return "Fem" if doc[span.start - 1].text in FEMININE_TITLES else "Masc"
    if span.text.split()[0] in FEMININE_TITLES:
        return "Fem"
    if span.text.split()[0] in MASCULINE_TITLES:
        return "Masc"
    before = _same_sentence(reversed(doc[max(0, span.start - 3): span.start]))
    for token in before:
        gender = _role_noun_gender(token) if token.lower_ in ROLE_NOUNS else None
        if gender:
            return gender
    # An apposition right after the name: "Anne Roy, chercheuse à l'Institut", "Anne Roy, la maire", "Anne
    # Roy, aujourd'hui directrice"; not a complement ("Anne Roy, au premier étage").
    if span.end < len(doc) and doc[span.end].text == ",":
        role = next((token for token in doc[span.end + 1: span.end + 4] if token.pos_ not in ("DET", "ADV")),
                    None)
        if role is not None and role.lower_ in ROLE_NOUNS:
            return _role_noun_gender(role)
    return None


def _same_sentence(tokens: Iterable[Token]) -> list[Token]:
    """The tokens up to a sentence end or a paragraph break ("… une première. Réjean Fournier …")."""
    kept = []
    for token in tokens:
        if token.text in (".", "!", "?") or "\n" in token.text:
            break
        kept.append(token)
    return kept


def _role_noun_gender(token: Token) -> str | None:
    """A role noun's gender from its determiner, else from its form. Not from "son", which also goes before a
    feminine noun opening with a vowel ("son avocate"), nor from the tagger, which is unreliable on role nouns
    and gives one to nouns of either gender ("la pédiatre", "le pédiatre")."""
    doc = token.doc
    determiner = doc[token.i - 1].lower_ if token.i > 0 else ""
    if determiner in ("la", "une", "sa", "cette"):
        return "Fem"
    if determiner in ("le", "un", "ce"):
        return "Masc"
    return _form_gender(token.lower_)


def _form_gender(word: str) -> str | None:
    """The gender a role noun's form shows: "coordinatrice", "avocate" ("avocat" + e), "conseillère"
    ("conseiller") are feminine; a role noun ending otherwise than in e is masculine ("colonel",
    "conseiller"), save the few said of women as they are ("la médecin", "la chef"); one ending in e is of
    either gender ("ministre", "pédiatre"), save kinship nouns ("père", "mère")."""
    if word in KINSHIP_GENDER:
        return KINSHIP_GENDER[word]
    if word.endswith(("rice", "euse", "ienne", "ière")) or word.endswith("e") and word[:-1] in ROLE_NOUNS \
            or word.endswith("ère") and word[:-3] + "er" in ROLE_NOUNS:
        return "Fem"
    if word.endswith("e") or word in EPICENE_ROLE_NOUNS:
        return None
    return "Masc"


def _gender_taken_up(span: Span) -> str | None:
    """The gender of the pronoun that takes a name up as the next subject ("Anne Roy dirige le club.
    Elle …"), when nobody else is named in between. (Participles and adjectives said of the name were
    tried too: the tagger's gender on them is unreliable and they made resolution worse.)"""
    doc = span.doc
    for token in doc[span.end: span.end + PRONOUN_REACH]:
        # Past a quotation mark, "il"/"elle" is the quoted person's word for something else.
        if token.ent_type_ == "PER" or token.text in OPENING_MARKS:
            return None
        if token.lower_ in ("il", "elle") and token.dep_.startswith("nsubj") \
                and token.head.lemma_ not in IMPERSONAL_LEMMAS \
                and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("y", "s'")):
            return "Fem" if token.lower_ == "elle" else "Masc"
    return None


def _names_organisation(tokens: list[Token]) -> bool:
    """'chez Defence IQ', 'de l'Unicef': an organisation, not a phrase about a person ('père d'un élève de
    quatrième') nor a place ('à Lyon')."""
    if tokens and tokens[0].lower_ in ("la", "le", "l'", "les"):
        tokens = tokens[1:]
    if not tokens:
        return False
    first = tokens[0]
    if first.ent_type_ == "ORG":
        return True
    return first.text[:1].isupper() and first.ent_type_ not in ("LOC", "GPE", "PER")


def _apposition(span: Span) -> tuple[str | None, str | None, set[str]]:
    """'X, rédacteur en chef chez Y,' -> ('rédacteur en chef', 'Y', {'rédacteur'})."""
    doc = span.doc
    roles = {token.lower_ for token in doc[max(0, span.start - ROLE_WINDOW): span.start]
             if token.lower_ in ROLE_NOUNS}
    if span.end < len(doc) and doc[span.end].text == ",":
        tokens = []
        for token in doc[span.end + 1: span.end + 14]:
            if token.is_punct and token.text not in ("-", "'"):
                break
            tokens.append(token)
        if tokens and (tokens[0].lower_ in ROLE_NOUNS or tokens[0].pos_ in ("NOUN", "DET")):
            roles |= {token.lower_ for token in tokens if token.lower_ in ROLE_NOUNS}
            split = next((i for i, token in enumerate(tokens)
                          if i > 0 and token.lower_ in ("de", "du", "des", "chez", "à", "au", "d'")
                          and _names_organisation(tokens[i + 1:])), None)
            if split is None:
                return doc[tokens[0].i: tokens[-1].i + 1].text, None, roles
            title = doc[tokens[0].i: tokens[split].i].text
            org = doc[tokens[split].i + 1: tokens[-1].i + 1].text if split + 1 < len(tokens) else None
            if org:
                org = org.removeprefix("la ").removeprefix("l'").removeprefix("le ")
            if tokens[0].pos_ == "DET" and tokens[0].lower_ not in ROLE_NOUNS:
                title = doc[tokens[1].i: tokens[split].i].text if split > 1 else title
            return title or None, org or None, roles
    return None, None, roles


def _whole_name(span: Span) -> Span:
    """NER clips some names ("Anne-Catherine" of "Anne-Catherine Degrave"): take the capitalised name
    words that follow it. The tagger often takes an unknown surname for an adjective or a noun; inside a
    French sentence a capitalised noun or adjective right after a first name is still part of the name."""
    doc, end = span.doc, span.end
    while end < len(doc) and end - span.end < 2 and doc[end].pos_ in NAME_WORD_POS \
            and doc[end].text[:1].isupper() and not doc[end].ent_type_:
        end += 1
    # The tokenizer splits some double surnames and NER keeps the first half: "Aminata Diallo" "-" "Sow".
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
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
    return ent.start >= 2 and doc[ent.start - 1].lower_ == "par" \
        and doc[ent.start - 2].lower_.startswith(INTERVIEW_PARTICIPLES)


def _names_given_an_age(doc: Doc) -> list[Span]:
    """The people NER misses or calls a place or a thing, known by the age French papers set after a
    person's name ("Sarah, 29 ans, …", "Olena Kravets, 41 ans"), with the other mentions of their names."""
    named = [_name_ending_at(token) for token in doc[:-3] if _is_name_word(token)
             and token.ent_type_ not in ("PER", "ORG") and doc[token.i + 1].text == ","
             and doc[token.i + 2].like_num and doc[token.i + 3].lower_ == "ans"]
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


def people_of(doc: Doc) -> list[Person]:
    """The article's people, their mentions grouped under the fullest name."""
    people: list[Person] = []
    evidence: dict[int, Counter] = {}  # the pronouns that take up each person's mentions
    names = [_whole_name(ent) for ent in doc.ents if ent.label_ == "PER"]
    name_words = {word for name in names if len(name) > 1 for word in name.text.split()}
    unlabelled = _names_given_an_age(doc)
    for ent in sorted(names + unlabelled, key=lambda span: span.start):
        if ent not in unlabelled and not _is_person(ent, name_words):
            continue
        name = _name_of(ent)
        if len(name) < 2:
            continue
        gender = _gender_near(ent)
        taken_up = _gender_taken_up(ent)
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
        title, org, roles = _apposition(ent)
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


def _person_named(people: list[Person], name: str, gender: str | None) -> Person | None:
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


def person_at(people: list[Person], start: int, end: int) -> Person | None:
    for person in people:
        for mention in person.mentions:
            if mention.start_char < end and start < mention.end_char:
                return person
    return None


def _last_mention_before(person: Person, offset: int) -> int:
    return max((m.start_char for m in person.mentions if m.start_char < offset), default=-1)


def resolve_pronoun(people: list[Person], pronoun: str, before: int) -> Person | None:
    """The nearest person named before `before` whose gender does not contradict the pronoun."""
    gender = PRONOUN_GENDER.get(pronoun.lower().lstrip("-t").lstrip("-"))
    candidates = [p for p in people if _last_mention_before(p, before) >= 0]
    if gender:
        compatible = [p for p in candidates if p.gender in (None, gender)]
        candidates = compatible or candidates
    # NER calls many lone capitalised words persons ("Chabanel", "Rhubarbe", a word opening a line): a
    # pronoun goes first to the people named in full or more than once.
    candidates = [p for p in candidates if len(p.name.split()) > 1 or len(p.mentions) > 1] or candidates
    return max(candidates, key=lambda p: _last_mention_before(p, before), default=None)


def resolve_role(people: list[Person], role: str, before: int) -> Person | None:
    """'la ministre' goes to the nearest earlier person the article gave that role."""
    candidates = [p for p in people if role in p.roles and _last_mention_before(p, before) >= 0]
    return max(candidates, key=lambda p: _last_mention_before(p, before), default=None)


HUMAN_SUFFIXES = ("eur", "euse", "rice", "iste", "ien", "ienne", "logue", "aire", "ant", "ante", "ier",
                  "ière", "ent", "ente", "ois", "oise", "ais", "aise", "in", "ine", "é", "ée", "e")
# Endings of nouns for acts and things, never people: "son témoignage", "son analyse", "son étude".
THING_SUFFIXES = ("age", "yse", "ment", "ude")
DEFINITE = ("le", "la", "l'", "les", "son", "sa", "ses", "leur", "notre", "cette", "ce", "cet")
FEMININE_DETERMINERS = ("la", "sa", "cette")
POSSESSIVES = ("son", "sa", "ses", "leur", "notre")
DEMONSTRATIVES = ("ce", "cet", "cette")
MASCULINE_DETERMINERS = ("le", "son", "ce", "cet")


def is_human_noun(token: Token) -> bool:
    word = token.lower_
    if word in ROLE_NOUNS:
        return True
    if word in GROUP_WORDS or token.pos_ != "NOUN":
        return False
    return word.endswith(HUMAN_SUFFIXES) and not word.endswith(THING_SUFFIXES) and len(word) > 3


def is_opinion_holder(token: Token) -> bool:
    """"Pour X, …" gives X's opinion when X is one person: "Pour l'économiste", "Pour Léa Fontanel".
    Not "Pour la première fois", "Pour l'instant", nor "Pour les entreprises, l'enjeu est commercial"
    (for them, not according to them). Stricter than is_human_noun, whose suffixes let "fois" in."""
    if token.ent_type_ == "PER":
        return True
    word = token.lower_
    return token.pos_ == "NOUN" and "Plur" not in token.morph.get("Number") and (
        word in ROLE_NOUNS or len(word) > 4 and word.endswith(PERSON_NOUN_SUFFIXES))


def _apposition_comma(last: Token) -> int | None:
    """The comma that ends a noun phrase cut short at `last`, before any verb, relative or other mark."""
    doc = last.doc
    k, limit = last.i + 1, min(len(doc), last.i + APPOSITION_REACH)
    while k < limit and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX") or doc[k].is_punct and doc[k].text not in "()" \
                or doc[k].lower_ in ("qui", "que", "dont"):
            return None
        k += 1
    return k if k < limit else None


def _apposed_unlisted_name(last: Token) -> Span | None:
    """'la directrice du festival, Rim Ben Salem, 31 ans': a name of two capitalised words or more set after
    a role, one that NER labelled a place or missed; a title may precede it."""
    doc = last.doc
    k = _apposition_comma(last)
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


def _apposed_person(people: list[Person], last: Token) -> Person | None:
    """'Sa présidente, Marianne Chevalley, …' / 'Le président de la commission, le Suédois Lars Ekström,
    …': the name set in apposition after the phrase. The phrase may have been cut short, so its comma is
    looked for up to the end of the noun phrase; a determiner and a title may precede the name."""
    doc = last.doc
    k = _apposition_comma(last)
    if k is None:
        return None
    for token in doc[k + 1: min(len(doc), k + 4)]:
        person = person_at(people, token.idx, token.idx + len(token.text))
        if person is not None:
            return person
        if token.is_punct or token.pos_ in ("VERB", "AUX"):
            break
    return None


def recent_person(people: list[Person], before: int, after: int = -1,
                  gender: str | None = None) -> Person | None:
    """The person mentioned last before `before` (and after `after`), of a compatible gender."""
    candidates = [p for p in people if _last_mention_before(p, before) > after]
    if gender:
        candidates = [p for p in candidates if p.gender in (None, gender)] or candidates
    return max(candidates, key=lambda p: _last_mention_before(p, before), default=None)


def _has_complement(role: Token, tokens: list[Token]) -> bool:
    """A complement that may name someone new ("la maire de Séné"); an age ("la joueuse de 27 ans") does
    not, nor a home town after a noun that is no office ("la skieuse de Verbier", "le cycliste de Roubaix"):
    papers use it to vary how they call the person they write about."""
    for k, token in enumerate(tokens):
        if token.lower_ in ("de", "du", "des", "d'"):
            following = tokens[k + 1: k + 3]
            if len(following) == 2 and following[0].pos_ == "NUM" and following[1].lower_ == "ans":
                continue
            if token.lower_ in ("de", "d'") and following and following[0].text[:1].isupper() \
                    and role.lower_ not in ROLE_NOUNS and role.lower_.endswith(PERSON_NOUN_SUFFIXES):
                continue
            return True
    return False


def _possessor(doc: Doc, people: list[Person], before: int) -> Speaker | None:
    person = recent_person(people, before)
    mention = max((m for m in person.mentions if m.start_char < before), key=lambda m: m.start_char) \
        if person is not None else None
    # Platforms and outlets are what articles talk about or cite, hardly ever the possessor of a finding.
    organisation = max((ent for ent in doc.ents if ent.label_ == "ORG" and ent.end_char <= before
                        and ent.text not in PLATFORMS and ent.text not in OUTLETS),
                       key=lambda ent: ent.start_char, default=None)
    if organisation is not None and (mention is None or organisation.start_char > mention.start_char):
        return Speaker(organisation.text, organisation.start_char, organisation.end_char)
    if person is not None:
        return Speaker(person.name, mention.start_char, mention.end_char, person.title, person.org)
    return None


def noun_phrase(head: Token, limit: int | None = None) -> list[Token]:
    """A noun phrase with its complements ("un porte-parole de la Commission"), up to a comma, a relative
    clause or `limit`."""
    phrase = []
    for t in head.doc[head.left_edge.i: head.right_edge.i + 1]:
        # A relative right after the noun restricts it ("un magistrat qui l'a souvent jugée"): it stays.
        if t.i > head.i and (t.text in (",", "(", ";") or t.lower_ in ("qui", "dont")
                             and head.doc[t.i - 1].pos_ not in ("NOUN", "PROPN")) or t.i == limit:
            break
        phrase.append(t)
    return phrase[:9]


def _noun_gender(token: Token) -> str | None:
    determiner = next((child.lower_ for child in token.children if child.dep_ == "det"), "")
    if determiner in ("la", "une", "cette", "sa"):
        return "Fem"
    if determiner in ("le", "un", "ce", "cet"):
        return "Masc"
    return (token.morph.get("Gender") or [None])[0]


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
    return previous.text in (".", "!", "?") or previous.is_space and "\n" in previous.text


def _is_salient(token: Token) -> bool:
    """The subject of a main clause, an inverted clitic, a name or a noun phrase opening a sentence, or a
    person given as a source at the start of a clause ("Selon Anne Roy, …")."""
    if token.lower_.startswith("-"):
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
        child.dep_ == "case" and child.lower_ in ("selon", "après", "pour") and (
            child.i == 0 or token.doc[child.i - 1].is_punct or token.doc[child.i - 1].is_space
            or token.doc[child.i - 1].lower_ == "d'")
        for child in token.children)


def _is_a_verbless_sentence(token: Token) -> bool:
    """"Un menuisier installé à Ciney. Une infirmière.": a list of examples, not a subject."""
    return token.pos_ == "NOUN" and token.dep_ == "ROOT" and not any(
        child.pos_ in ("VERB", "AUX") for child in token.children)


def _subject_phrase(token: Token) -> list[Token]:
    """The subject's noun phrase, from its determiner (the parser sometimes hangs a fronted adjunct on it)."""
    phrase = noun_phrase(token)
    first = min((child.i for child in token.children if child.dep_ == "det"), default=token.i)
    return [t for t in phrase if t.i >= first]


def _apposed_name(people: list[Person], subject: Token) -> Person | None:
    """'Un administrateur de la coopérative, céréalier, Hervé Pichon, soutient …': a name set between
    commas between the subject and its verb names the subject, and so does a name the subject is set after."""
    doc = subject.doc
    for token in doc[subject.i + 1: subject.head.i]:
        if token.ent_type_ == "PER" and token.ent_iob_ == "B" and (
                doc[token.i - 1].text == "," or doc[token.i - 1].text in PERSON_TITLES
                and doc[token.i - 2].text == ","):
            return person_at(people, token.idx, token.idx + len(token.text))
    # "Louise Gélinas, la fille du résident, passe …": the name the subject phrase is set after.
    start = min((child.i for child in subject.children if child.dep_ == "det"), default=subject.i)
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PER":
        return person_at(people, doc[start - 2].idx, doc[start - 2].idx + len(doc[start - 2].text))
    return None


def _names_someone(token: Token) -> bool:
    """A noun for a person ("la maire", "un habitant"); short words ("une liste", "la piste") only end
    like one."""
    word = token.lemma_.lower() if "Plur" in token.morph.get("Number") else token.lower_
    return word in ROLE_NOUNS | PEOPLE_NOUNS or len(word) > 5 and word.endswith(
        ("euse", "rice", "iste", "ienne", "logue"))


def _speaks_as_a_body(token: Token, pronoun: Token) -> bool:
    """'Le ministère … a pris acte. Il rappelle que …', 'La cour d'appel … Elle estime que …': a body or a
    document takes up a preverbal il/elle. Not an inverted clitic after a quote (« … », dit-elle): quoted
    words are a person's. Not a possessed group either ('son équipe', 'son groupe'): its owner is the
    topic."""
    return token.lower_ in GROUP_WORDS and not pronoun.lower_.startswith("-") and not any(
        child.dep_ == "det" and "Poss=Yes" in str(child.morph) for child in token.children)


def _reports(subject: Token) -> bool:
    """"Un animateur romand … a raconté avoir signalé …", "Un retraité de Lévis a témoigné": someone new,
    brought in unnamed as the subject of a reporting verb, speaks."""
    return subject.dep_ == "nsubj" and subject.head.lemma_ in CUE_LEMMAS and is_human_noun(subject) and any(
        child.dep_ == "det" and child.lower_ in ("un", "une") for child in subject.children)


def _person_set_after(people: list[Person], token: Token) -> Person | None:
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


def _named_person(people: list[Person], token: Token) -> Person | None:
    """The person a name token stands for, also where NER missed this mention ("Sarah sourit")."""
    if token.ent_type_ == "PER":
        return person_at(people, token.idx, token.idx + len(token.text))
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return None
    named = [p for p in people if token.text in p.name.split()]
    return max(named, key=lambda p: _last_mention_before(p, token.idx), default=None)


def _subject_antecedent(people: list[Person], pronoun: Token, gender: str | None, end: int
                        ) -> Speaker | None:
    """A subject pronoun takes up the last subject of the same gender (centering): "Damien Lefèvre a fait le
    choix inverse pour son fils. « … », tranche-t-il." goes to Damien Lefèvre, not to a person merely
    mentioned in between. Earlier il/elle of the same gender carry the same referent; words inside
    quotation marks are someone else's and are skipped."""
    doc = pronoun.doc
    plural = pronoun.lower_.lstrip("-t").lstrip("-") in ("ils", "elles", "eux")
    depth = 0
    for token in reversed(doc[max(0, end - SUBJECT_REACH): end]):
        if token.text in CLOSING_MARKS:
            depth += 1
        elif token.text in OPENING_MARKS:
            depth = max(0, depth - 1)
        if depth or not _is_salient(token):
            continue
        if token.pos_ == "PRON" or token.lower_.startswith("-"):
            # "Martine Collard, elle, a déjà …": the name the pronoun repeats.
            if token.i > 1 and doc[token.i - 1].text == "," and doc[token.i - 2].ent_type_ == "PER":
                token = doc[token.i - 2]
            else:
                continue
        person = None if plural else _named_person(people, token) or _person_set_after(people, token)
        if person is None and token.pos_ == "NOUN" and ("Plur" in token.morph.get("Number")) == plural \
                and any(child.dep_ == "det" for child in token.children) \
                and (_names_someone(token) or _speaks_as_a_body(token, pronoun) or _reports(token)):
            person = _apposed_name(people, token)
            if person is None:
                if _noun_gender(token) not in (None, gender) or _relative_of_the_subject(token):
                    continue
                phrase = _subject_phrase(token)
                return speaker_from_tokens(phrase, people, phrase[0].idx)
        if person is not None and person.gender in (None, gender):
            return Speaker(person.name, pronoun.idx, pronoun.idx + len(pronoun.text), person.title,
                           person.org)
    return None


def speaker_from_tokens(tokens: list[Token], people: list[Person], before: int) -> Speaker | None:
    """A speaker from the words that name it: a name, a pronoun, a role noun or a group."""
    tokens = [t for t in tokens if not t.is_space and (not t.is_punct or t.text in ("-", "'"))]
    if not tokens:
        return None
    doc = tokens[0].doc
    start_char, end_char = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    person = person_at(people, start_char, end_char) or _apposed_person(people, tokens[-1])
    if person is not None:
        mention = min(person.mentions, key=lambda m: abs(m.start_char - start_char))
        return Speaker(person.name, mention.start_char, mention.end_char, person.title, person.org)
    name = _apposed_unlisted_name(tokens[-1]) if any(is_human_noun(t) for t in tokens) else None
    if name is not None:
        return Speaker(name.text, name.start_char, name.end_char)
    head = tokens[0]
    pronoun = head.lower_.lstrip("-t").lstrip("-") if head.pos_ == "PRON" or head.lower_.startswith("-") \
        else ""
    if pronoun in PRONOUN_GENDER or pronoun == "on":
        if pronoun == "on":
            return None
        end = head.i if head.idx < before else next(
            (t.i for t in doc[max(0, head.i - 200): head.i] if t.idx >= before), head.i)
        if pronoun in ("il", "elle", "ils", "elles"):
            antecedent = _subject_antecedent(people, head, PRONOUN_GENDER[pronoun], end)
            if antecedent is not None:
                return antecedent
        person = resolve_pronoun(people, pronoun, before)
        if person is None:
            # "Le ministre de l'Élevage a plaidé … D'après lui, …": nobody named before, "lui" takes up the
            # subject that was only a role.
            if pronoun in ("lui", "eux"):
                return _subject_antecedent(people, head, PRONOUN_GENDER[pronoun], end)
            return None
        return Speaker(person.name, head.idx, head.idx + len(head.text), person.title, person.org)
    # The role noun may follow an adjective ("la jeune femme", "le vieil homme").
    role = next((t for t in tokens[1:3] if is_human_noun(t)), None)
    if role is not None and role.i > tokens[1].i and tokens[1].pos_ != "ADJ":
        role = None
    determiner = tokens[0].lower_
    if role is not None and determiner in DEFINITE and determiner != "les":
        # "la ministre", "l'entraîneur grenoblois": someone the article named before. A possessive
        # ("son porte-parole") or a complement ("la maire de Séné") may name someone new: only a
        # person the article gave that role then.
        person = resolve_role(people, role.lower_, before)
        # A demonstrative always takes up someone already named ("ce père de trois enfants").
        bare = determiner in DEMONSTRATIVES or determiner not in POSSESSIVES and not _has_complement(
            role, tokens[role.i - tokens[0].i + 1:])
        if person is None and bare:
            gender = ("Fem" if determiner in FEMININE_DETERMINERS else
                      "Masc" if determiner in MASCULINE_DETERMINERS else
                      (role.morph.get("Gender") or [None])[0])
            person = recent_person(people, before, gender=gender)
        if person is not None:
            return Speaker(person.name, start_char, end_char, person.title, person.org)
    if determiner in POSSESSIVES and len(tokens) > 1 and tokens[1].pos_ == "NOUN" and role is None \
            and tokens[1].lower_ not in GROUP_WORDS:
        # "Selon ses relevés, …", "son bilan": the possessor speaks, the last person or organisation named.
        possessor = _possessor(doc, people, start_char)
        if possessor is not None:
            return possessor
    first_word = next((t for t in tokens if t.lower_ not in ("l'", "d'")), head)
    indefinite = first_word.pos_ != "NOUN" and first_word.lower_ in INDEFINITE_SPEAKERS and (
        first_word.lower_ not in ("un", "une", "autres") or first_word.i > head.i
        or len(tokens) > 1 and tokens[1].lower_ in ("de", "d'", "des"))
    if indefinite or any(t.pos_ in ("NOUN", "PROPN") or t.lower_ in ROLE_NOUNS | GROUP_WORDS
                         or t.ent_type_ == "ORG" for t in tokens):
        phrase = text_of(doc)[start_char:end_char]
        return Speaker(phrase, start_char, end_char)
    return None
