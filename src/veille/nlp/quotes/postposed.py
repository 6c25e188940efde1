"""A reported clause closed by a postposed incise, the wire's way of reporting: "Une enquête a été ouverte,
a indiqué le parquet de Lyon, sollicité par l'AFP." (indirect, pattern incise_after), or with quoted
fragments "Le pays est « à bout de souffle » et risque de « tout perdre », a dit le ministre." (mixed).
The part is the whole sentence before the incise (GUIDELINES 3.1, points 2 and 3).

A clause that is one marked span and nothing else (« … », a dit X) is a direct quote: attribution.py's."""

from __future__ import annotations

from spacy.tokens import Span, Token

from veille.nlp.quotes.clause import Candidate, Clause, clause_quote
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import (
    cue_lemma,
    incise_verb,
    inverted_speaker,
    is_cue,
    is_inverted_clitic,
    is_not_a_report,
    multiword_head,
)
from veille.nlp.quotes.lexicon.closed_class import RELATIVE_PRONOUNS, SUBJECT_CLITICS
from veille.nlp.quotes.lexicon.cues import OBJECT_FIRST_CUE_LEMMAS, WEAK_CUE_LEMMAS
from veille.nlp.quotes.lexicon.marks import INCISE_SENTENCE_ENDS, SENTENCE_END_MARKS
from veille.nlp.quotes.nouns import pronoun_form
from veille.nlp.quotes.speakers import speaker_of

# Words that link a sentence to the one before, outside its quotation marks ("Or « … », ajoute-t-il").
CONNECTORS = frozenset(("or", "et", "mais", "puis", "donc", "alors", "enfin", "ainsi", ",", "."))
# The kinds of speaker an incise with a simple verb may name ("…, indique la préfecture").
SINGLE_SPEAKER_KINDS = ("person", "organisation", "role")


def postposed_incise(ctx: QuoteContext, comma: Token) -> Candidate | None:
    """The clause before `comma` when a cue verb with its subject after it follows the comma and ends the
    sentence (appositions and complements of the incise aside)."""
    doc = comma.doc
    sentence = ctx.sentences.of(comma)
    end = _sentence_end(doc, comma.i + 1, sentence)
    verb = _past_inverted_auxiliary(incise_verb(doc, comma.i + 1, end, ctx.settings), end)
    verb = _multiword_tail(verb, end)
    weak = cue_lemma(verb) in WEAK_CUE_LEMMAS and multiword_head(verb) is None if verb is not None else True
    if verb is None or not is_cue(verb) or weak or is_not_a_report(verb):
        return None
    if _has_clause_after(verb, end):
        return None  # "…, a précisé que …" reports what follows
    clitic = _clitic_before(doc, comma.i + 1, verb.i)
    speaker = clitic or inverted_speaker(verb, end, ctx.settings)
    if not speaker or not _ends_the_sentence(doc, speaker[-1].i + 1, end):
        return None
    if not (clitic or is_inverted_clitic(speaker[0]) or _compound_past(doc, comma.i + 1, verb)
            or cue_lemma(verb) not in OBJECT_FIRST_CUE_LEMMAS
            and (_parsed_as_subject(speaker) or _names_one_speaker(ctx, speaker))):
        return None  # "Elle se lève, appelle les enfants par leur prénom": a second verb, no incise
    start = _clause_start(ctx, comma, sentence)
    # "La ministre chargée des comptes, Florence Daguerre, a annoncé …": no finite verb, the subject.
    if start is None or not any(_is_finite(t) for t in doc[start:comma.i]) \
            or _ends_with_a_relative(doc, start, comma.i):
        return None
    return clause_quote(ctx, Clause(start, comma.i, "incise_after", verb=verb, speaker_tokens=tuple(speaker),
                                    before_cue=True))


def _past_inverted_auxiliary(verb: Token | None, end: int) -> Token | None:
    """"a-t-elle ajouté": the incise found the auxiliary; the participle after its clitics is the verb."""
    if verb is None or verb.pos_ != "AUX":
        return verb
    k = verb.i + 1
    while k < end and is_inverted_clitic(verb.doc[k]):
        k += 1
    return verb.doc[k] if k < end and k > verb.i + 1 else verb


def _multiword_tail(verb: Token | None, end: int) -> Token | None:
    """"a fait savoir", "a mis en garde": the incise found the verb; the cue is the word that ends it."""
    if verb is None or is_cue(verb):
        return verb
    doc = verb.doc
    tails = doc[verb.i + 1:min(end, verb.i + 3)]
    return next((t for t in tails if (multiword_head(t) or t).i == verb.i), verb)


def _has_clause_after(verb: Token, end: int) -> bool:
    """"…, a précisé que …": the verb reports what follows; not a clause past a comma ("…, a annoncé la
    préfecture, qui précise que …", which the parser often hangs on the verb) or past the sentence end."""
    doc = verb.doc
    return any(child.dep_ in ("ccomp", "xcomp") and verb.i < child.i and child.left_edge.i < end
               and not any(t.text == "," for t in doc[verb.i + 1:child.left_edge.i])
               for child in verb.children)


def _compound_past(doc, start: int, verb: Token) -> bool:
    """"a indiqué", "ont précisé": an auxiliary opens the incise."""
    return start < verb.i and doc[start].pos_ == "AUX" and "Part" in verb.morph.get("VerbForm")


def _parsed_as_subject(speaker: list[Token]) -> bool:
    """"…, explique le ministre": the parser saw the inverted subject as one."""
    return any(token.dep_.startswith("nsubj") for token in speaker)


def _names_one_speaker(ctx: QuoteContext, speaker: list[Token]) -> bool:
    """"…, indique la préfecture": a person, an organisation or one role (an object such as "les enfants"
    after a second verb names none of them)."""
    found = speaker_of(ctx, speaker, speaker[0].idx)
    # Named people joined by "et" speak together: "…, écrivent Anne Roux et Paul Brun".
    return found is not None and (found.kind in SINGLE_SPEAKER_KINDS
                                  or found.kind == "group" and ctx.names_someone(found.start, found.end))


def _clitic_before(doc, start: int, verb: int) -> list[Token]:
    """"a-t-elle ajouté": the subject clitic inverted after the auxiliary, before the participle."""
    return [t for t in doc[start:verb] if is_inverted_clitic(t) and pronoun_form(t.lower_) in SUBJECT_CLITICS]


def _quoted_only(outside: str) -> bool:
    """What stands outside the marks is only a connector ("Or « … »", "Et « … »"): a direct quote."""
    return all(word.lower() in CONNECTORS for word in outside.split())


def _ends_with_a_relative(doc, start: int, comma: int) -> bool:
    """"La chercheuse Aïssata Coulibaly, qui a coordonné l'étude, insiste …": a relative set off by commas
    describes the subject of the verb after it, which is no incise."""
    last = max((t.i for t in doc[start:comma] if t.text == ","), default=None)
    return last is not None and last + 1 < comma and doc[last + 1].lower_ in RELATIVE_PRONOUNS


def _sentence_end(doc, start: int, sentence: Span) -> int:
    """The parser's sentence may run over a full stop or a line break: the first of them ends it."""
    return next((t.i for t in doc[start:sentence.end] if t.text in INCISE_SENTENCE_ENDS or "\n" in t.text),
                sentence.end)


def _ends_the_sentence(doc, start: int, end: int) -> bool:
    """After the incise's speaker, only its complements ("à l'AFP", ", sollicité par …", ", qui …"): no
    finite verb outside a relative clause, which would make the incise an aside inside a longer clause
    ("Les travaux, a précisé la mairie, dureront six mois")."""
    for token in doc[start:end]:
        if token.lower_ in RELATIVE_PRONOUNS:
            return True
        if _is_finite(token):
            return False
    return True


def _is_finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _clause_start(ctx: QuoteContext, comma: Token, sentence: Span) -> int | None:
    """The first token of the sentence that ends at the comma: the parser's sentence, cut at the last full
    stop or line break before the comma; None when the clause is one marked span only (a direct quote) or
    starts inside a quotation (the parser cut a quote into sentences)."""
    doc, text = comma.doc, ctx.text
    start = sentence.start
    for token in doc[sentence.start:comma.i]:
        if token.text in SENTENCE_END_MARKS or "\n" in token.text:
            start = token.i + 1
    while start < comma.i and (doc[start].is_space or doc[start].is_punct and doc[start].text != "«"):
        start += 1
    if start >= comma.i:
        return None
    start_char, end_char = doc[start].idx, comma.idx
    if any(m.open_at < start_char < m.end for m in ctx.marks):
        return None
    outside = text[start_char:end_char]
    for m in ctx.marks:
        if start_char <= m.open_at and m.end <= end_char:
            outside = outside.replace(text[m.open_at:m.end], " ")
    return start if any(ch.isalpha() for ch in outside) and not _quoted_only(outside) else None

