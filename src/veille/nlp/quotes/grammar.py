"""What both quote stages read in the parse: cue tokens, the cue as written, a cue's subject, an incise's
verb and its speaker's words."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from veille.nlp.quotes.lexicon.closed_class import (
    BEFORE_INCISE_VERB,
    DE_FORMS,
    EUPHONIC_T,
    IN_CUE_GROUP,
    IN_PREPOSITIONAL_OBJECT,
    MAX_PREVERBAL_CLITICS,
    NEGATIONS,
    PREVERBAL_CLITICS,
    SPEAKER_PHRASE_ENDS,
    SPEAKER_SEARCH_ENDS,
    SUBJECT_CLITICS,
    SUBJECT_RELATIVE,
)
from veille.nlp.quotes.lexicon.cues import (
    CUE_FORMS,
    CUE_LEMMAS,
    FORM_LEMMAS,
    FUTURE_AUXILIARY_LEMMA,
    MULTIWORD_CUES,
    MULTIWORD_LAST_WORDS,
    NOT_A_REPORT_HEAD_LEMMAS,
    OBJECT_CUE_FORMS,
    OBJECT_CUE_LEMMAS,
    REPORT_FRAMING_LEMMAS,
    WEAK_CUE_LEMMAS,
)
from veille.nlp.quotes.lexicon.marks import CLAUSE_BREAK_MARKS, COMMA, HYPHEN, WORD_JOINERS
from veille.nlp.quotes.lexicon.people import (
    DAYS,
    MONTH_PARTS,
    MONTHS,
    ROLE_NOUNS,
    SKIPPED_BEFORE_SPEAKER,
)
from veille.nlp.quotes.nouns import noun_phrase, pronoun_form
from veille.nlp.quotes.settings import QuoteSettings

# What joins coordinated names: "Anne Roux, Paul Brun et Léa Morin".
COORDINATION = frozenset((COMMA, "et"))
# The parts of speech a cue token may have (the tagger takes many cue verbs for nouns or adjectives).
CUE_POS = ("VERB", "AUX", "NOUN", "ADJ", "ADV")
# The labels a cue verb mistagged as a noun or an adjective gets under its own subject.
MISPARSED_CUE_DEPS = ("conj", "amod", "appos", "acl", "nmod")
NOT_INCISE_VERB_POS = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "ADV", "NUM", "PUNCT"})
# The labels the parser gives a participle or an infinitive set after its clause ("…, estimant que").
DETACHED_VERB_DEPS = ("advcl", "acl", "conj", "parataxis", "xcomp")
# "avant de rappeler que", "après avoir affirmé que", "sans préciser que".
DETACHED_INFINITIVE_MARKS = frozenset(("avant", "après", "sans"))
# "tout en assurant que", "en précisant que".
GERUND_OPENERS = frozenset(("tout", "en"))
# How many words back from the last word of a multi-word cue its verb may stand ("a fait valoir", "met en
# garde").
MULTIWORD_CUE_SPAN = (1, 2)
# The longest verb group before a cue verb: auxiliaries, clitics, the euphonic -t ("ne s'est-elle pas").
MAX_VERB_GROUP_BEFORE = 4


def multiword_head(token: Token) -> Token | None:
    """The verb that opens a multi-word cue ending at `token`: "fait" of "a fait valoir", "met" of "met en
    garde"."""
    if token.lower_ not in MULTIWORD_LAST_WORDS:  # most tokens: no need to look back
        return None
    doc = token.doc
    for back in MULTIWORD_CUE_SPAN:
        if token.i - back >= 0 and (doc[token.i - back].lemma_, token.lower_) in MULTIWORD_CUES:
            return doc[token.i - back]
    return None


def is_cue(token: Token) -> bool:
    if multiword_head(token) is not None:
        return True
    lemma = token.lemma_.lower()
    if lemma in CUE_LEMMAS or lemma in WEAK_CUE_LEMMAS:
        return token.pos_ in CUE_POS and not token.is_punct
    # spaCy's lemmatizer misses some inflected cue forms (it tags them as nouns or adjectives).
    return token.lower_ in CUE_FORMS


def cue_lemma(token: Token) -> str:
    """The cue's lemma, also for the forms the lemmatizer keeps as they are ("réclame")."""
    return FORM_LEMMAS.get(token.lower_) or token.lemma_.lower()


def is_object_cue(token: Token) -> bool:
    """A verb that reports only through an object holding quoted words ("évoque une « impasse »")."""
    return token.pos_ in CUE_POS and not token.is_punct and (
        token.lemma_.lower() in OBJECT_CUE_LEMMAS or token.lower_ in OBJECT_CUE_FORMS)


def cue_phrase(verb: Token) -> str:
    """The cue as written: auxiliary, inverted clitic and reflexive pronoun included."""
    doc = verb.doc
    start, end = verb.i, verb.i + 1
    opening = multiword_head(verb)
    if opening is not None:
        start = opening.i
    while start > 0 and (doc[start - 1].pos_ == "AUX" or doc[start - 1].lower_ in IN_CUE_GROUP
                         or doc[start - 1].lower_.startswith(HYPHEN)) \
            and verb.i - start < MAX_VERB_GROUP_BEFORE:
        start -= 1
    while end < len(doc) and doc[end].lower_.startswith(HYPHEN) and (
            doc[end].lower_.lstrip("-t") in SUBJECT_CLITICS or doc[end].lower_.lstrip("-t") == ""):
        end += 1
    if verb.pos_ == "AUX" and end < len(doc) and (doc[end].pos_ in ("VERB", "ADJ")
                                                  or "Part" in doc[end].morph.get("VerbForm")):
        # "a-t-il écrit", "s'est-elle indignée": the incise found the inverted auxiliary; the participle
        # after the clitic (tagged a verb or an adjective) is the verb.
        verb = doc[end]
        end += 1
    if end < len(doc) and (verb.lemma_, doc[end].lower_) in MULTIWORD_CUES:
        end += 1
    return doc[start:end].text


def is_not_a_report(verb: Token) -> bool:
    """A negated cue, a future or modal one, or a declined comment."""
    children = list(verb.children)
    opening = multiword_head(verb)
    if opening is not None:
        verb, children = opening, children + list(opening.children)
    # "Sur ce point, il précise : …": a noun "point" or "plus" is no negation.
    if any(child.lower_ in NEGATIONS and child.pos_ != "NOUN" for child in children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in NOT_A_REPORT_HEAD_LEMMAS:
        return True
    return any(child.lemma_ == FUTURE_AUXILIARY_LEMMA and child.i < verb.i for child in children)


def is_second_cue(token: Token) -> bool:
    """A finite cue verb without a subject, right after "et"/"mais": the reporter's next act."""
    return (is_cue(token) and token.pos_ == "VERB" and token.lemma_ not in WEAK_CUE_LEMMAS
            and not set(token.morph.get("VerbForm")) & {"Inf", "Part"}
            and not any(child.dep_.startswith("nsubj") for child in token.children))


# ---- a cue's subject ----------------------------------------------------------------------------------
def subject_tokens(verb: Token, settings: QuoteSettings, depth: int = 0) -> list[Token]:
    """The subject of a cue verb (or of its auxiliary, or of the verb it is conjoined to), as its tokens,
    without long complements."""
    subject = _parsed_subject(verb, settings)
    if subject is not None:
        return subject
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ in MISPARSED_CUE_DEPS:
        subject = _subject_of_a_mistagged_cue(verb, settings)
        if subject is not None:
            return subject
    subject = _subject_before(verb, settings)
    if subject:
        return subject
    if depth < settings.subject_hops and verb.dep_ == "advcl" and verb.head.i < verb.i \
            and set(verb.morph.get("VerbForm")) & {"Part", "Ger"}:
        # "Le syndicat cite l'exemple, estimant que …": a participle or a gerund shares the subject of
        # the verb it depends on.
        subject = subject_tokens(verb.head, settings, depth + 1)
        if subject:
            return subject
    if depth < settings.subject_hops and _detached_after_its_clause(verb):
        # "…, a précisé le producteur, ajoutant que …" (a participle the parser hangs on a noun or calls a
        # relative), "Il a défendu son bilan, avant de rappeler que …": the subject of the clause before.
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i < head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i < verb.i:
            return subject_tokens(head, settings, depth + 1)
    if depth < settings.subject_hops and verb.dep_ == "xcomp" and verb.head.lemma_ in REPORT_FRAMING_LEMMAS \
            and verb.head.i < verb.i:
        # "Elle s'est contentée de rappeler que …", "il a tenu à préciser que …": the infinitive shares the
        # subject of the verb that frames the report.
        return subject_tokens(verb.head, settings, depth + 1)
    return []


def _detached_after_its_clause(verb: Token) -> bool:
    """A present participle or gerund set after a comma ("…, estimant que", "…, tout en assurant que"), or
    an infinitive after "avant de", "après": it has no subject of its own."""
    doc = verb.doc
    if verb.dep_ not in DETACHED_VERB_DEPS or verb.head.i >= verb.i:
        return False
    forms = set(verb.morph.get("VerbForm"))
    if "Inf" in forms:
        return any(child.dep_ == "mark" and child.lower_ in DETACHED_INFINITIVE_MARKS
                   for child in verb.children)
    present = "Ger" in forms or "Part" in forms and "Pres" in verb.morph.get("Tense")
    k = verb.i - 1
    while k > 0 and doc[k].lower_ in GERUND_OPENERS:
        k -= 1
    return present and doc[k].text == COMMA


def _parsed_subject(verb: Token, settings: QuoteSettings) -> list[Token] | None:
    """The subject the parser gives the cue, its auxiliary's or that of the verb it is conjoined to."""
    heads = [verb, verb.head] if verb.dep_.startswith("aux") or verb.dep_ == "conj" else [verb]
    opening = multiword_head(verb)
    if opening is not None:
        heads = [verb, opening]  # "Le gouvernement a fait savoir que …": the subject is on "fait"
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and is_cue(verb.head.head):
        # "Elle assure que les travaux avancent, mais reconnaît que …": the parser hangs the second cue
        # on the reported verb; its subject is the first cue's.
        heads = [verb, verb.head.head]
    for token in heads:
        for child in token.children:
            if child.dep_.startswith("nsubj") or child.dep_ == "expl:subj":
                if child.lower_ == EUPHONIC_T:
                    continue
                if child.lower_ == SUBJECT_RELATIVE and "Rel" in child.morph.get("PronType"):
                    # "la procureure, Mathilde Sorel, qui a relevé que …": the relative pronoun's antecedent.
                    parsed = token.dep_ == "acl:relcl" and token.head.pos_ in ("NOUN", "PROPN")
                    antecedent = token.head if parsed else _noun_before(child)
                    if antecedent is not None:
                        return _antecedent_phrase(antecedent, child, settings)
                return noun_phrase(child, settings.max_speaker_tokens)
    return None


def _antecedent_phrase(antecedent: Token, relative: Token, settings: QuoteSettings) -> list[Token]:
    head = _phrase_head(antecedent)
    phrase = noun_phrase(head, settings.max_speaker_tokens, relative.i)
    # "selon la fédération, qui …": the preposition is not the speaker's.
    return [t for t in phrase if not (t.dep_ == "case" and t.head == head)]


def antecedent_before_comma(first: Token, settings: QuoteSettings) -> list[Token]:
    """The noun phrase before the comma that `first` follows: the antecedent of "…, pour qui …"."""
    antecedent = _noun_before(first)
    return _antecedent_phrase(antecedent, first, settings) if antecedent is not None else []


def _noun_before(relative: Token) -> Token | None:
    """"…, a indiqué la fédération des routiers (FNTR), qui réclame …": the parser hung the relative clause
    on the verb; its antecedent is the noun phrase before the comma (an acronym in brackets aside)."""
    doc = relative.doc
    k = relative.i - 2
    if k < 0 or doc[k + 1].text != COMMA:
        return None
    if doc[k].text == ")":
        k = next((j for j in range(k - 1, max(-1, k - 4), -1) if doc[j].text == "("), 0) - 1
    noun = _phrase_head(doc[k]) if k >= 0 else None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None


def _phrase_head(noun: Token) -> Token:
    """The head of the noun phrase a noun ends: "la fédération des cinémas" for "cinémas"."""
    while noun.dep_ in ("nmod", "amod", "flat:name") and noun.head.i < noun.i and noun.head.pos_ in (
            "NOUN", "PROPN"):
        noun = noun.head
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.pos_ == "PROPN" and noun.head.i < noun.i:
        return _phrase_head(noun.head)  # "Wendy Malinovsky, créatrice de vêtements, pour qui …": the name
    return noun


def _subject_of_a_mistagged_cue(verb: Token, settings: QuoteSettings) -> list[Token] | None:
    """"Le maire, Denis Trottier, juge que …", "Le Centre national du livre note que …": a cue the tagger
    took for a noun hangs on (a complement of) its subject."""
    head = verb.head
    while any(child.dep_ == "case" for child in head.children) and head.head.i < head.i:
        head = head.head
    if head.i < verb.i and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("ROOT", "nsubj") \
            and not any(child.dep_ == "case" for child in head.children):
        return noun_phrase(head, settings.max_speaker_tokens, verb.i)
    return None


def _subject_before(verb: Token, settings: QuoteSettings) -> list[Token]:
    """A subject the parser mislabelled, right before its verb (past "ne" and object clitics): a subject
    pronoun ("Elle juge la situation « paradoxale »") or a person's name."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and doc[k].lower_ in PREVERBAL_CLITICS and verb.i - k <= MAX_PREVERBAL_CLITICS:
        k -= 1
    if k < 0:
        return []
    if doc[k].lower_ in SUBJECT_CLITICS:
        return [doc[k]]
    if doc[k].ent_type_ == "PER":
        start = k
        while start > 0 and doc[start - 1].ent_type_ == "PER" and doc[start].ent_iob_ != "B":
            start -= 1
        return list(doc[start: k + 1])
    if doc[k].text == COMMA:
        # "Un diplomate européen, qui suit les discussions de près, résume …": the noun phrase before a
        # relative clause set between commas.
        opening = next((j for j in range(k - 1, max(0, k - settings.relative_clause_reach), -1)
                        if doc[j].text == COMMA), None)
        if opening is not None and doc[opening + 1].lower_ == SUBJECT_RELATIVE:
            # The head of the phrase, not its complement ("Un commerçant du marché, qui …").
            noun = doc[opening - 1]
            while noun.dep_ in ("nmod", "amod", "flat:name") and noun.head.i < noun.i:
                noun = noun.head
            if noun.pos_ in ("NOUN", "PROPN"):
                start = min((child.i for child in noun.children if child.dep_ == "det"), default=noun.i)
                return list(doc[start:opening])
    return []


# ---- incises ------------------------------------------------------------------------------------------
def is_inverted_clitic(token: Token) -> bool:
    """"-elle" of "sourit-elle", "-t" of "a-t-il"; not the hyphen of a split compound ("week" "-" "end")."""
    return token.lower_.startswith(HYPHEN) and token.text != HYPHEN


def incise_verb(doc: Doc, start: int, limit: int, settings: QuoteSettings) -> Token | None:
    """The verb of an incise starting at token `start`: only auxiliaries, reflexive pronouns or a negation
    may come before it (« … », a-t-elle ajouté / se souvient X / sourit-elle)."""
    for token in doc[start:min(limit, start + settings.incise_verb_reach)]:
        if token.pos_ == "VERB" or (is_cue(token) and token.pos_ != "AUX"):
            return token
        # The tagger often takes a rare incise verb for an adjective or a noun ("sourit-elle",
        # "plaisante la rédactrice"): a lowercase word followed by a clitic or a subject is the verb.
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.is_alpha and token.is_lower and token.pos_ not in NOT_INCISE_VERB_POS and \
                following is not None and (is_inverted_clitic(following)
                                           or following.pos_ in ("DET", "PROPN")):
            return token
        if not (token.pos_ == "AUX" or token.lower_ in BEFORE_INCISE_VERB or token.lower_.startswith(HYPHEN)):
            return None
    return None


def inverted_speaker(verb: Token, limit: int, settings: QuoteSettings) -> list[Token]:
    """After an incise verb: the clitic (-t-il, -elle), else a person named before any relative clause,
    else the first noun phrase that is not inside a prepositional phrase ("à l'AFP", "sur X")."""
    doc = verb.doc
    i = verb.i + 1
    while i < limit and doc[i].lower_.startswith(HYPHEN):
        if pronoun_form(doc[i].lower_) in SUBJECT_CLITICS:
            return [doc[i]]
        i += 1
    if i < limit and doc[i].lower_ in SUBJECT_CLITICS:
        return [doc[i]]
    if i < limit and (verb.lemma_, doc[i].lower_) in MULTIWORD_CUES:
        i += 1
    named = _person_named_after(verb, i, limit)
    if named is not None:
        return named
    return _first_noun_phrase(verb, i, limit, settings)


def _person_named_after(verb: Token, i: int, limit: int) -> list[Token] | None:
    """A person named after the incise verb, before any relative or time clause."""
    doc = verb.doc
    for token in doc[i:limit]:
        if token.lower_ in SPEAKER_SEARCH_ENDS or token.text in CLAUSE_BREAK_MARKS:
            break
        if token.ent_type_ == "PER":
            entity = next(ent for ent in doc.ents if ent.start <= token.i < ent.end)
            return list(doc[entity.start:_coordinated_end(doc, entity.end, limit)])
    return None


def _coordinated_end(doc: Doc, end: int, limit: int) -> int:
    """"ont écrit Anne Roux et Paul Brun": the end of the last name joined to the first by "et" or a comma."""
    while end + 1 < limit and doc[end].lower_ in COORDINATION and doc[end + 1].ent_type_ == "PER" \
            and doc[end + 1].ent_iob_ == "B":
        end += 2
        while end < limit and doc[end].ent_iob_ == "I":
            end += 1
    return end


def _first_noun_phrase(verb: Token, k: int, limit: int, settings: QuoteSettings) -> list[Token]:
    """The first noun phrase after the incise verb that is not inside a prepositional phrase nor a date."""
    doc = verb.doc
    while k < limit:
        token = doc[k]
        if token.text == COMMA:
            k += 1
            continue
        if token.is_punct and token.text not in WORD_JOINERS:
            return []
        if token.lower_ in SKIPPED_BEFORE_SPEAKER and token.pos_ != "ADP":
            # "a annoncé mardi 24 janvier l'Union sociale …": the date, not the speaker after it.
            k += 1
            while k < limit and (doc[k].like_num or doc[k].lower_ in MONTHS):
                k += 1
            continue
        if token.pos_ == "ADP":
            k = _after_phrase(verb, k + 1, limit)
            # "à l'Agence France-Presse (AFP) la mairie": the acronym belongs to the object.
            if k + 2 < limit and doc[k].text == "(" and doc[k + 2].text == ")":
                k += 3
            continue
        if _is_a_date(doc, k, limit):
            # "a précisé, le 3 mai, la mairie": the date, not the speaker.
            k += 3
            continue
        if token.pos_ in ("DET", "NOUN", "PROPN", "NUM", "ADJ") or token.lower_ in ROLE_NOUNS:
            return _phrase_from(doc, k, limit, settings)
        k += 1
    return []


def _phrase_from(doc: Doc, k: int, limit: int, settings: QuoteSettings) -> list[Token]:
    """The speaker phrase starting at k, up to punctuation, a clause or a date ("écrit l'office fin
    juin", "a dit le maire lundi")."""
    phrase = []
    for member in doc[k:limit]:
        if member.is_punct and member.text not in WORD_JOINERS or member.lower_ in SPEAKER_PHRASE_ENDS \
                or phrase and (member.lower_ in DAYS or _opens_a_month(doc, member.i, limit)):
            break
        phrase.append(member)
        if len(phrase) >= settings.max_speaker_tokens:
            break
    return phrase


def _is_a_date(doc: Doc, k: int, limit: int) -> bool:
    """"le 3 mai"."""
    return k + 2 < limit and doc[k].lower_ == "le" and doc[k + 1].like_num and doc[k + 2].lower_ in MONTHS


def _opens_a_month(doc: Doc, k: int, limit: int) -> bool:
    """"mars", "début mars", "fin juin"."""
    return doc[k].lower_ in MONTHS or k + 1 < limit and doc[k].lower_ in MONTH_PARTS \
        and doc[k + 1].lower_ in MONTHS


def _after_phrase(verb: Token, k: int, limit: int) -> int:
    """The index after a prepositional phrase's object (determiners, nouns, names, adjectives)."""
    doc = verb.doc
    seen_head = False
    while k < limit:
        token = doc[k]
        if token.pos_ in ("DET", "ADJ", "NUM") or token.lower_ in IN_PREPOSITIONAL_OBJECT:
            k += 1
        elif token.pos_ in ("NOUN", "PROPN"):
            seen_head = True
            k += 1
        else:
            break
        if seen_head and k < limit and doc[k].pos_ not in ("ADJ", "PROPN", "NOUN") \
                and doc[k].lower_ not in DE_FORMS:
            break
    return k
