"""What every rule reads about the Doc being processed, built once per Doc: `QuoteContext`."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from veille.nlp.quotes.marks import MarkedSpan
from veille.nlp.quotes.people import Person
from veille.nlp.quotes.settings import QuoteSettings


class Sentences:
    """The parser's sentences, indexed once: Token.sent walks the whole Doc on every call."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.bounds = [(sentence.start, sentence.end) for sentence in doc.sents]
        self.starts = [start for start, _ in self.bounds]

    def of(self, token: Token) -> Span:
        start, end = self.bounds[bisect_right(self.starts, token.i) - 1]
        return self.doc[start:end]


@dataclass(frozen=True)
class QuoteContext:
    """The Doc and what the first stages found in it.

    text: `Doc.text`, read once (spaCy joins every token's text on each access, and the rules read it
        dozens of times per Doc).
    paragraphs: (start, end) chars of each non-blank line; marks: the paired quotation marks, in text
        order; people: the article's people, their mentions grouped under the fullest name.
    """

    doc: Doc
    text: str
    sentences: Sentences
    paragraphs: tuple[tuple[int, int], ...]
    marks: tuple[MarkedSpan, ...]
    people: tuple[Person, ...]
    settings: QuoteSettings

    @cached_property
    def _marks_by_opening(self) -> dict[int, MarkedSpan]:
        return {mark.open_at: mark for mark in self.marks}

    def mark_at(self, offset: int) -> MarkedSpan | None:
        """The marked span whose opening mark is at `offset`."""
        return self._marks_by_opening.get(offset)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def token_index_at(self, offset: int) -> int:
        span = self.doc.char_span(offset, min(offset + 1, len(self.text)), alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def word_count(self, start: int, end: int) -> int:
        return sum(1 for t in self.tokens_between(start, end) if t.is_alpha)

    def names_someone(self, start: int, end: int) -> bool:
        """A person named (by NER) between two offsets."""
        return any(t.ent_type_ == "PER" for t in self.tokens_between(start, end))
