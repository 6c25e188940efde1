"""The extent of a reported clause (indirect and mixed quotes): where it ends, which quoted words it holds,
and the quote it makes."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import cue_phrase, is_second_cue, subject_tokens
from veille.nlp.quotes.lexicon.closed_class import (
    COMMENT_OPENERS,
    CONCESSION_FOLLOWERS,
    CONCESSION_OPENER,
    CONDITION_OPENER,
    CONTRAST_FOLLOWERS,
    CONTRAST_OPENERS,
    FIRST_PERSON,
    GERUND_MARK,
    GLOSS_RELATIVES,
    PLURAL_INDEFINITE,
    RELATIVE_PRONOUNS,
    SECOND_VERB_CONJUNCTIONS,
    SUBJECT_CLITICS,
)
from veille.nlp.quotes.lexicon.cues import PAST_AUXILIARY_LEMMAS
from veille.nlp.quotes.lexicon.marks import (
    CLAUSE_FINAL_MARKS,
    CLAUSE_SPACE,
    CLOSING_MARKS,
    COLON,
    COMMA,
    OPENERS,
)
from veille.nlp.quotes.quote import Quote, QuotePattern
from veille.nlp.quotes.speakers import speaker_of


@dataclass(frozen=True)
class Clause:
    """A reported clause to make a quote of: tokens [start, end), the pattern that found it, and its
    attribution: a cue verb (its subject speaks) or a source phrase and the introducer used as cue.
    before_cue: the clause stands before its introducer ("…, selon X.")."""

    start: int
    end: int
    pattern: QuotePattern
    verb: Token | None = None
    speaker_tokens: tuple[Token, ...] | None = None
    cue: str | None = None
    before_cue: bool = False


# An indirect or mixed quote, with the indices (in ctx.marks) of the marked spans it holds.
Candidate = tuple[Quote, set[int]]


def clause_quote(ctx: QuoteContext, clause: Clause) -> Candidate | None:
    doc, settings = ctx.doc, ctx.settings
    start, end = clause.start, _end_before_writer(ctx, clause)
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in CLAUSE_FINAL_MARKS
                           or doc[end - 1].is_space):
        end -= 1
    if end - start < settings.min_clause_tokens:
        return None
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    # A reported clause never runs over a paragraph break (the parser's sentences sometimes do).
    segment = ctx.text[start_char:end_char]
    if "\n" in segment.strip():
        if clause.before_cue:
            start_char += segment.rstrip().rfind("\n") + 1
        else:
            end_char = start_char + segment.index("\n")
        start_char, end_char = _stripped(ctx.text, start_char, end_char)
        if end_char - start_char < settings.min_clause_chars:
            return None
    for m in ctx.marks:
        if start_char <= m.open_at < end_char < m.end and m.end - end_char <= settings.mark_overhang_chars:
            end_char = m.end
    covered = {index for index, m in enumerate(ctx.marks) if start_char <= m.open_at and m.end <= end_char}
    speaker_tokens = clause.speaker_tokens
    if clause.verb is not None:
        cue = cue_phrase(clause.verb)
        speaker_tokens = subject_tokens(clause.verb, settings) if speaker_tokens is None else speaker_tokens
        if speaker_tokens and speaker_tokens[0].lower_ in FIRST_PERSON:
            return None  # the writer's own statement, not a report
    else:
        cue = clause.cue
    speaker = speaker_of(ctx, speaker_tokens or [], start_char)
    if speaker is None and clause.verb is not None and not speaker_tokens:
        return None
    quote = Quote(type="mixed" if covered else "indirect", parts=((start_char, end_char),), cue=cue,
                  speaker=speaker, pattern="mixed" if covered else clause.pattern)
    return quote, covered


def _end_before_writer(ctx: QuoteContext, clause: Clause) -> int:
    """Where the reported words end: before the reporter's own next verb, the writer's comment or what
    follows a colon."""
    doc = ctx.doc
    start, end = clause.start, clause.end
    # "… que la copie creusait le déficit et a promis de …", "…, mais reconnaît que …": the cue's own
    # second verb (a past tense, or another cue with no subject of its own) is not reported.
    for token in doc[start:end - 2]:
        if token.lower_ not in SECOND_VERB_CONJUNCTIONS:
            continue
        following = doc[token.i + 1]
        if following.pos_ == "AUX" and following.lemma_ in PAST_AUXILIARY_LEMMAS \
                and doc[token.i + 2].pos_ == "VERB" or is_second_cue(following):
            end = token.i
            break
    # "…, alors que …", "…, tout en précisant …", "…, un chiffre en hausse": a detached adjunct or an
    # apposition after the reported clause is the writer's comment on it.
    if not clause.before_cue:
        for token in doc[start + ctx.settings.comment_min_offset:end - 1]:
            # Not where the speaker's own words are in quotation marks: the clause is theirs.
            if token.text == COMMA and (_opens_writer_comment(doc[token.i + 1], end)
                                        and not any(t.text in OPENERS for t in doc[start:end])
                                        or _relative_after_quoted_words(token)):
                end = token.i
                break
    # "… a expliqué que le projet est né d'une frustration : les grands médias …": what follows a
    # colon illustrates the que clause, it is the writer's.
    colon = next((t.i for t in doc[start:end] if t.text == COLON), None)
    if colon is not None and clause.pattern == "indirect_que":
        end = colon
    return end


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in CLAUSE_SPACE:
        start += 1
    while end > start and text[end - 1] in CLAUSE_SPACE:
        end -= 1
    return start, end


def _relative_after_quoted_words(comma: Token) -> bool:
    """"… y voit « une mécanique efficace », qui n'est ni bonne ni mauvaise": a relative clause set off after
    the closing mark is the writer's gloss on the quoted words."""
    doc = comma.doc
    return 0 < comma.i < len(doc) - 1 and doc[comma.i - 1].text in CLOSING_MARKS \
        and doc[comma.i + 1].lower_ in GLOSS_RELATIVES


def _opens_writer_comment(token: Token, end: int) -> bool:
    """After a comma in a reported clause: "alors que", "tout en", "même si", "grâce à", "à condition que", a
    gerund, an apposition, or "mais"/"et" with a subject of its own ("mais une enquête est ouverte"; "mais
    que …" carries on the report)."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else token
    if _opens_an_adjunct(token, following):
        return True
    if token.lower_ in SECOND_VERB_CONJUNCTIONS and (following.lower_ in SUBJECT_CLITICS
                                                     or following.pos_ == "DET" and following.dep_ == "det"
                                                     and (following.head.dep_.startswith("nsubj")
                                                          or _finite_verb_follows(following, end))):
        return True
    # An apposition: a noun phrase with no finite verb up to the end of the clause; not the next item of a
    # list ("des soudeurs, des électriciens") nor an adjunct set between commas (", une nuit, vers …").
    after = doc[token.i + 2] if token.i + 2 < len(doc) else following
    if token.pos_ != "DET" or token.lower_ == PLURAL_INDEFINITE or following.pos_ != "NOUN" \
            or after.text == COMMA:
        return False
    return not any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc[token.i:end])


def _opens_an_adjunct(token: Token, following: Token) -> bool:
    """"alors que", "tout en", "même si", "grâce à", "signe que", "à condition que", a gerund."""
    if token.lower_ in CONTRAST_OPENERS and following.lower_ in CONTRAST_FOLLOWERS \
            or token.lower_ == CONCESSION_OPENER and following.lower_ in CONCESSION_FOLLOWERS:
        return True
    gerund = "Ger" in token.morph.get("VerbForm") \
        or token.lower_ == GERUND_MARK and "Ger" in following.morph.get("VerbForm")
    return gerund or token.lower_ in COMMENT_OPENERS or (token.lower_, following.lower_) == CONDITION_OPENER


def _finite_verb_follows(determiner: Token, end: int) -> bool:
    """"…, et les ventes de chandails financent désormais …": the noun phrase is the subject of a finite verb
    of its own (the parser often calls such a noun a conjunct and its verb a relative), not a relative."""
    for token in determiner.doc[determiner.i + 1:end]:
        if token.lower_ in RELATIVE_PRONOUNS or token.text == COMMA:
            return False
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False
