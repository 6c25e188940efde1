"""Stage 4: direct quotes, one per marked span that no indirect or mixed quote holds.

Each attribution strategy is a pure function (context, marked span) -> Attribution | None, tried in the
order of DIRECT_ATTRIBUTIONS; the first that answers attributes the quote. A span no strategy attributes
is still a direct quote when it reads as one (a finished sentence, long enough): it carries on the previous
quote's speaker (continuation) or takes the speaker the narration gives (stage 6).
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Span, Token

from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.grammar import (
    cue_phrase,
    incise_verb,
    inverted_speaker,
    is_cue,
    is_inverted_clitic,
    is_not_a_report,
    subject_tokens,
)
from veille.nlp.quotes.lexicon.closed_class import DE_FORMS, REFLEXIVE_PRONOUNS
from veille.nlp.quotes.lexicon.cues import (
    ELIDED_DE,
    SOURCE_AFTER_ELISION,
    SOURCE_OPENERS_AFTER_QUOTE,
    SOURCE_OPENERS_BEFORE_QUOTE,
)
from veille.nlp.quotes.lexicon.marks import (
    ATTRIBUTION_OPENERS,
    CLAUSE_STARTS,
    CODE_LINE_RE,
    COLON,
    COMMA,
    FINISHED_LEAD_MARKS,
    FRAGMENT_JOINERS,
    HYPHEN,
    INCISE_SENTENCE_ENDS,
    INCISE_WITHOUT_COMMA_MARKS,
    QUOTE_END_MARKS,
    SENTENCE_BREAK,
)
from veille.nlp.quotes.lexicon.naming import NAMING_WORDS
from veille.nlp.quotes.marks import MarkedSpan
from veille.nlp.quotes.quote import Part, Quote, QuotePattern, Speaker
from veille.nlp.quotes.speakers import speaker_of


class Attribution(NamedTuple):
    """How a direct quote is attributed: the pattern, the cue as written, the speaker when the words name
    one, and the quote's parts when the attribution splits them (an incise inside the quote)."""

    pattern: QuotePattern
    cue: str | None
    speaker: Speaker | None
    parts: tuple[Part, ...] | None = None


def incise_inside(ctx: QuoteContext, span: MarkedSpan) -> Attribution | None:
    """« Q1, a lancé Marie Dupont, Q2 »: one quote, two parts."""
    doc, settings = ctx.doc, ctx.settings
    start, end = span.parts[0]
    tokens = ctx.tokens_between(start, end)
    for token in tokens[:-2]:
        if token.text != COMMA:
            continue
        verb = incise_verb(doc, token.i + 1, tokens[-1].i, settings)
        if verb is None:
            continue
        inverted = verb.i + 1 < len(doc) and is_inverted_clitic(doc[verb.i + 1])
        if not (is_cue(verb) or inverted):
            continue
        closing = next((t for t in tokens[verb.i - tokens[0].i + 1:] if t.text in (COMMA, ".")), None)
        if closing is None or closing.i - verb.i > settings.incise_inside_reach or closing.i >= tokens[-1].i:
            continue
        speaker_tokens = inverted_speaker(verb, closing.i, settings)
        if not speaker_tokens:
            continue
        if not is_inverted_clitic(speaker_tokens[0]):
            closing = _past_apposed_name(closing, tokens[-1].i) or closing
        second_start = closing.idx + 1
        while second_start < end and ctx.text[second_start].isspace():
            second_start += 1
        if second_start >= end:
            return None
        parts = ((start, token.idx), (second_start, end), *span.parts[1:])
        return Attribution("incise_inside", cue_phrase(verb), speaker_of(ctx, speaker_tokens, start), parts)
    return None


def _past_apposed_name(comma: Token, limit: int) -> Token | None:
    """« Nous avons gagné, reconnaît la principale, Hélène Kervella. Les élèves … »: a name set after the
    incise's speaker phrase belongs to the incise, not to the quote; the quote resumes after the mark that
    closes the name. Not after a clitic (« …, dit-elle, Paul a raison » goes on with Paul)."""
    doc = comma.doc
    first = comma.i + 1
    if comma.text != COMMA or first >= limit or doc[first].ent_type_ != "PER" or doc[first].ent_iob_ != "B":
        return None
    end = first + 1
    while end < limit and doc[end].ent_type_ == "PER" and doc[end].ent_iob_ == "I":
        end += 1
    return doc[end] if end < limit and doc[end].text in (COMMA, ".") else None


def incise_after(ctx: QuoteContext, span: MarkedSpan) -> Attribution | None:
    """« … », a déclaré la ministre. / « … », assure-t-il. / « … » – Jean Martin / « … », selon X."""
    if span.unclosed:
        return None
    doc = ctx.doc
    i = ctx.token_index_at(span.close_at) + 1
    if i < len(doc) and doc[i].text in ATTRIBUTION_OPENERS:
        return _dash_attribution(ctx, span, i)
    if i < len(doc) and doc[i].text == COMMA:
        i += 1
    elif not ctx.text[span.parts[-1][0]:span.parts[-1][1]].rstrip().endswith(INCISE_WITHOUT_COMMA_MARKS):
        return None
    reach = ctx.settings.incise_sentence_reach
    sentence_end = next((t.i for t in doc[i: i + reach] if t.text in INCISE_SENTENCE_ENDS or "\n" in t.text),
                        min(len(doc), i + reach))
    window = doc[i: min(i + ctx.settings.source_reach, sentence_end)]
    if len(window) and window[0].lower_ in SOURCE_OPENERS_AFTER_QUOTE and (
            window[0].lower_ != ELIDED_DE or (len(window) > 1 and window[1].lower_ == SOURCE_AFTER_ELISION)):
        return _source_after(ctx, span, window, sentence_end)
    return _verb_after(ctx, span, i, sentence_end)


def _dash_attribution(ctx: QuoteContext, span: MarkedSpan, i: int) -> Attribution | None:
    """« … » – Jean Martin / « … » (Jean Martin): a name right after a dash or a parenthesis."""
    tokens = []
    for token in ctx.doc[i + 1: i + ctx.settings.dash_reach]:
        if token.is_punct or token.is_space:
            break
        tokens.append(token)
    if not (tokens and any(t.pos_ == "PROPN" or t.ent_type_ == "PER" for t in tokens)):
        return None
    speaker = speaker_of(ctx, tokens, span.open_at)
    return Attribution("dash", None, speaker) if speaker is not None else None


def _source_after(ctx: QuoteContext, span: MarkedSpan, window: Span, sentence_end: int) -> Attribution | None:
    """« … », selon X. / « … », d'après X.: attributed only when X names a speaker."""
    doc = ctx.doc
    first = 2 if window[0].lower_ == ELIDED_DE else 1
    tokens = list(doc[window.start + first: sentence_end])
    tokens = tokens[: next((k for k, t in enumerate(tokens) if t.text == COMMA), len(tokens))]
    speaker = speaker_of(ctx, tokens, span.open_at)
    if speaker is None:
        return None
    return Attribution("incise_after", doc[window.start: window.start + first].text, speaker)


def _verb_after(ctx: QuoteContext, span: MarkedSpan, i: int, sentence_end: int) -> Attribution | None:
    """« … », a déclaré la ministre. / « … », assure-t-il.: an incise verb after the quote, and its
    (inverted) subject."""
    doc = ctx.doc
    verb = incise_verb(doc, i, sentence_end, ctx.settings)
    if verb is None:
        return None
    before = verb.i - 1
    while before > 0 and (doc[before].lower_.startswith(HYPHEN) or doc[before].lower_ in REFLEXIVE_PRONOUNS):
        before -= 1  # a-t-il estimé, s'est-elle indignée
    inverted = verb.i + 1 < len(doc) and is_inverted_clitic(doc[verb.i + 1])
    # « Les Nuits de Bruges », publié en 2024: an incise verb is finite. (The tagger calls some finite
    # forms participles, "dit-elle", "conclut-elle": an inverted clitic shows they are not.)
    if "Part" in verb.morph.get("VerbForm") and doc[before].pos_ != "AUX" and not inverted:
        return None
    if not (is_cue(verb) or inverted):
        # « la gang », réunit des adolescents: a verb that is no cue only makes an incise after a
        # real sentence.
        start, end = span.parts[0][0], span.parts[-1][1]
        if not ctx.text[start:start + 1].isupper() \
                or ctx.word_count(start, end) < ctx.settings.min_direct_words:
            return None
    speaker = speaker_of(ctx, inverted_speaker(verb, sentence_end, ctx.settings), span.open_at)
    return Attribution("incise_after", cue_phrase(verb), speaker)


def introduced_before(ctx: QuoteContext, span: MarkedSpan) -> Attribution | None:
    """X l'a redit : « … » — in the same paragraph or at the end of the previous one."""
    lead = _lead(ctx, span)
    if lead is None:
        return None
    pattern, clause_start, lead_end, ends_with_colon = lead
    text, doc = ctx.text, ctx.doc
    tokens = ctx.tokens_between(clause_start, lead_end)
    if not tokens:
        return None
    if not ends_with_colon and not text[span.parts[0][0]:span.parts[0][0] + 1].isupper():
        return None
    verbs = [t for t in tokens if is_cue(t) and t.pos_ != "AUX"]
    if not ends_with_colon and not verbs:
        # "Pour elle, « … »" / "Selon lui, « … »"
        if tokens[0].lower_ in SOURCE_OPENERS_BEFORE_QUOTE \
                and len(tokens) <= ctx.settings.lead_source_max_tokens:
            source = tokens[1:-1] if tokens[-1].text == COMMA else tokens[1:]
            speaker = speaker_of(ctx, source, span.open_at)
            return Attribution(pattern, tokens[0].text, speaker) if speaker is not None else None
        return None
    if not ends_with_colon and text[verbs[-1].idx:span.open_at].count(COMMA) > ctx.settings.lead_max_commas:
        return None
    verb = verbs[-1] if verbs else next((t for t in reversed(tokens) if t.pos_ == "VERB"), None)
    if verb is None:
        return None
    if is_cue(verb) and is_not_a_report(verb):
        return None
    speaker_tokens = subject_tokens(verb, ctx.settings)
    if not speaker_tokens and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_.startswith(HYPHEN):
        speaker_tokens = inverted_speaker(verb, tokens[-1].i + 1, ctx.settings)
    speaker = speaker_of(ctx, speaker_tokens, span.open_at)
    if speaker is None and not is_cue(verb):
        return None
    return Attribution(pattern, cue_phrase(verb) if is_cue(verb) else verb.text, speaker)


def _lead(ctx: QuoteContext, span: MarkedSpan) -> tuple[QuotePattern, int, int, bool] | None:
    """The clause right before the opening mark, in its paragraph or ending the previous one with a colon:
    (pattern, its start and end chars, whether it ends with a colon)."""
    text = ctx.text
    para_start = ctx.paragraphs[span.paragraphs[0]][0]
    lead = text[para_start:span.open_at].rstrip()
    pattern: QuotePattern = "colon"
    if not lead and span.paragraphs[0] > 0:
        lead_start, lead_end = ctx.paragraphs[span.paragraphs[0] - 1]
        lead = text[lead_start:lead_end].rstrip()
        if not lead.endswith(COLON):
            return None
        pattern = "colon_next_paragraph"
    else:
        lead_start, lead_end = para_start, span.open_at
    if not lead or lead.endswith(FINISHED_LEAD_MARKS):
        return None
    # Only the clause right before the mark: from the last sentence end or closing mark.
    clause_start = max(lead.rfind(mark) for mark in CLAUSE_STARTS)
    clause_start = lead_start + (clause_start + 2 if clause_start >= 0 else 0)
    return pattern, clause_start, lead_end, lead.endswith(COLON)


DIRECT_ATTRIBUTIONS = (incise_inside, incise_after, introduced_before)


def attribute(ctx: QuoteContext, span: MarkedSpan) -> Attribution | None:
    """The first attribution a strategy finds for the marked span."""
    for strategy in DIRECT_ATTRIBUTIONS:
        attribution = strategy(ctx, span)
        if attribution is not None:
            return attribution
    return None


# ---- the stage: one direct quote per marked span ----------------------------------------------------
NO_PARAGRAPH = -10  # before the first quote: no paragraph is next to it
# The patterns of a direct quote no attribution named.
UNATTRIBUTED_PATTERNS = (None, "continuation")


def direct_quotes(ctx: QuoteContext, held: set[int]) -> list[tuple[Quote, MarkedSpan]]:
    """The direct quotes of the marked spans, but those an indirect or mixed quote holds (`held`, indices
    in ctx.marks). A quote no attribution named has no speaker yet (stage 6 fills it in)."""
    found: list[tuple[Quote, MarkedSpan]] = []
    previous: Quote | None = None
    previous_para = NO_PARAGRAPH
    for index, span in enumerate(ctx.marks):
        if index in held:
            continue
        quote = direct_quote(ctx, span, previous, previous_para)
        if quote is None:
            continue
        before = found[-1] if found and found[-1][1] is ctx.marks[index - 1] else None
        if before is None and index > 0 and index - 1 not in held:
            # « … » et « … », a-t-il dit: the first segment, too short to be a quote of its own.
            before = (Quote(type="direct", parts=tuple(ctx.marks[index - 1].parts)), ctx.marks[index - 1])
        if before is not None and _joined_under_one_incise(ctx, before, quote, span):
            if found and found[-1] is before:
                found.pop()
            quote, span = _joined(before, quote, span)
        found.append((quote, span))
        previous, previous_para = quote, span.paragraphs[-1]
    return found


def _joined_under_one_incise(ctx: QuoteContext, before: tuple[Quote, MarkedSpan], quote: Quote,
                             span: MarkedSpan) -> bool:
    """« … » et « … », ont-ils ajouté: an unattributed quote joined by a bare conjunction to the next one,
    which an incise attributes, is its first part (GUIDELINES 3.1)."""
    first, first_span = before
    return first.pattern in UNATTRIBUTED_PATTERNS and quote.pattern == "incise_after" \
        and first_span.paragraphs[-1] == span.paragraphs[0] \
        and ctx.text[first_span.end:span.open_at].strip() in FRAGMENT_JOINERS


def _joined(before: tuple[Quote, MarkedSpan], quote: Quote, span: MarkedSpan) -> tuple[Quote, MarkedSpan]:
    first, first_span = before
    joined = MarkedSpan(open_at=first_span.open_at, close_at=span.close_at,
                        parts=[*first_span.parts, *span.parts],
                        paragraphs=[*first_span.paragraphs, *span.paragraphs])
    return replace(quote, parts=(*first.parts, *quote.parts)), joined


def direct_quote(ctx: QuoteContext, span: MarkedSpan, previous: Quote | None = None,
                 previous_para: int = NO_PARAGRAPH) -> Quote | None:
    words = sum(ctx.word_count(s, e) for s, e in span.parts)
    if _names_a_work(ctx, span, words) or _in_code(ctx, span):
        return None
    pattern: QuotePattern | None = "multi_paragraph" if len(span.parts) > 1 else None
    attribution = attribute(ctx, span)
    if attribution is not None:
        if words < ctx.settings.min_attributed_words:
            return None
        return Quote(type="direct", parts=attribution.parts or tuple(span.parts), cue=attribution.cue,
                     speaker=attribution.speaker, pattern=pattern or attribution.pattern)
    if not _reads_as_a_quote(ctx, span, words):
        return None
    if _follows(ctx, span, previous, previous_para):
        pattern = "continuation"  # stage 6 gives it the previous quote's speaker
    return Quote(type="direct", parts=tuple(span.parts), pattern=pattern)


def _in_code(ctx: QuoteContext, span: MarkedSpan) -> bool:
    """"font-family": "…",: a value on a line of code a page embeds (a chart's settings), not a quote."""
    start, end = ctx.paragraphs[span.paragraphs[0]]
    return CODE_LINE_RE.match(ctx.text, start, end) is not None


def _token_before(ctx: QuoteContext, span: MarkedSpan) -> Token | None:
    opening = ctx.token_index_at(span.open_at)
    return ctx.doc[opening - 1] if opening > 0 else None


def _names_a_work(ctx: QuoteContext, span: MarkedSpan, words: int) -> bool:
    """« … » after "le film", "un plan baptisé", or a short one opening with such a word: a title or a
    name, not a quote."""
    before = _token_before(ctx, span)
    if before is not None and before.lower_ in DE_FORMS and before.i > 0:
        before = ctx.doc[before.i - 1]  # "sur le plateau du « … »", "l'émission de « … »"
    if before is not None and before.lower_ in NAMING_WORDS:
        return True
    first_start, first_end = span.parts[0]
    first_word = ctx.text[first_start:first_end].split()[0].lower()
    return first_word in NAMING_WORDS and words <= ctx.settings.min_direct_words


def _reads_as_a_quote(ctx: QuoteContext, span: MarkedSpan, words: int) -> bool:
    """Unattributed words in quotation marks are a quote when they open like a sentence, are long enough and
    end like a sentence (or are long): not a title or a name ("son album, « Quai numéro 2 »")."""
    text, settings = ctx.text, ctx.settings
    first_start, first_end = span.parts[0]
    if words < settings.min_direct_words or not text[first_start:first_end][:1].isupper():
        return False
    content = text[first_start:span.parts[-1][1]]
    ends_sentence = content.rstrip().endswith(QUOTE_END_MARKS) or SENTENCE_BREAK in content
    if not ends_sentence and words < settings.unattributed_min_words:
        return False
    before = _token_before(ctx, span)
    return ends_sentence or before is None or before.pos_ != "ADP"


def _follows(ctx: QuoteContext, span: MarkedSpan, previous: Quote | None, previous_para: int) -> bool:
    """An unattributed quote carries on the previous one: opening the next paragraph, or in the same
    paragraph with nobody named in between."""
    if previous is None:
        return False
    para_index = span.paragraphs[0]
    para_start = ctx.paragraphs[para_index][0]
    starts_paragraph = ctx.text[para_start:span.open_at].strip() == ""
    return (starts_paragraph and para_index - previous_para == 1) or (
        para_index == previous_para and not ctx.names_someone(previous.end, span.open_at))
