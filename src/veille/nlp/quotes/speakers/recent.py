"""Stage 6: the speakers of the direct quotes no attribution named, from the narration around them."""

from __future__ import annotations

from dataclasses import replace

from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.lexicon.closed_class import SINGULAR_THIRD_PERSON_SUBJECTS
from veille.nlp.quotes.lexicon.marks import CLOSING_MARKS, OPENING_MARKS
from veille.nlp.quotes.marks import MarkedSpan
from veille.nlp.quotes.people import recent_person
from veille.nlp.quotes.quote import Quote, Speaker
from veille.nlp.quotes.speakers.organisations import (
    described_organisation,
    fullest_organisation,
    issuing_body,
    named_organisations,
    organisation_names,
)
from veille.nlp.quotes.speakers.resolvers import speaker_of


def recent_speaker(ctx: QuoteContext, span: MarkedSpan) -> Speaker | None:
    """Nobody named at the quote: the person the narration just before it is about, when its last subject
    is il/elle ("Elle a formé trois modératrices. « … »"); else the person mentioned last before it. In
    portraits and interviews the quoted person was often named paragraphs earlier."""
    doc = ctx.doc
    opening = ctx.token_index_at(span.open_at)
    depth = 0
    for token in reversed(doc[max(0, opening - ctx.settings.recent_subject_reach): opening]):
        depth += token.text in CLOSING_MARKS
        depth -= token.text in OPENING_MARKS and depth > 0
        if depth or not (token.dep_.startswith("nsubj") and token.head.dep_ == "ROOT"):
            continue
        if token.lower_ not in SINGULAR_THIRD_PERSON_SUBJECTS:
            break
        speaker = speaker_of(ctx, [token], token.idx)
        # Only a person: a body or a document the pronoun may take up does not speak in quotes.
        if speaker is not None and any(person.name == speaker.text for person in ctx.people):
            return speaker
        break
    person = recent_person(ctx.people, span.open_at)
    if person is None:
        return None
    mention = max((m for m in person.mentions if m.start_char < span.open_at),
                  key=lambda m: m.start_char)
    return person.speaker(mention.start_char, mention.end_char)


def complete_speakers(ctx: QuoteContext, quotes: list[tuple[Quote, MarkedSpan | None]]
                      ) -> list[tuple[Quote, MarkedSpan | None]]:
    """A direct quote without a speaker takes the one the narration gives (recent_speaker); a continuation
    takes the speaker of the direct quote before it, as completed; an organisation is named in full
    (organisations.py)."""
    completed = []
    previous: Quote | None = None
    for quote, marked in quotes:
        if marked is not None:  # a direct quote
            if quote.pattern == "continuation":
                quote = replace(quote, speaker=previous.speaker)
            elif quote.speaker is None:
                quote = replace(quote, speaker=recent_speaker(ctx, marked))
            previous = quote
        completed.append((quote, marked))
    return _organisations_in_full(ctx, completed)


def _organisations_in_full(ctx: QuoteContext, quotes: list[tuple[Quote, MarkedSpan | None]]
                           ) -> list[tuple[Quote, MarkedSpan | None]]:
    def organisation(quote: Quote) -> bool:
        return isinstance(quote.speaker, Speaker) and quote.speaker.kind == "organisation"

    if not any(organisation(quote) for quote, _ in quotes):
        return quotes
    names, acronyms = organisation_names(ctx.doc)
    named, reach = named_organisations(ctx.doc), ctx.settings.organisation_description_reach

    def in_full(speaker: Speaker) -> Speaker:
        speaker = fullest_organisation(issuing_body(ctx.doc, speaker), names, acronyms)
        return fullest_organisation(described_organisation(ctx.doc, speaker, named, reach), names, acronyms)

    return [(replace(quote, speaker=in_full(quote.speaker)) if organisation(quote) else quote, marked)
            for quote, marked in quotes]
