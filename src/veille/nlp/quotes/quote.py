"""The one Quote type and its vocabularies, shared by the extractor, the corpus and the scorer.

A quote is immutable. The extractor's `speaker` is a `Speaker` (the text and where the article names the
person, with a title and an organisation when an apposition gives them); a gold quote of the corpus gives
its speaker as a plain name, so `speaker` may also be a str: `speaker_name` reads either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from veille.nlp.quotes.marks import MarkedSpan

QuoteType = Literal["direct", "indirect", "mixed"]
QUOTE_TYPES: tuple[QuoteType, ...] = get_args(QuoteType)

# How a quote is introduced, the names of corpus/GUIDELINES.md. The extractor gives every one but
# "unclosed" (an unclosed quote with an incise: it finds it as incise_after or leaves it unattributed) and
# "interview_answer" (an answer of a Q/A interview, annotated in real press); an unattributed direct quote
# has no pattern (None).
QuotePattern = Literal[
    "incise_after", "incise_inside", "colon", "colon_next_paragraph", "indirect_que", "selon",
    "mixed", "dash", "continuation", "multi_paragraph", "unclosed", "interview_answer",
]
QUOTE_PATTERNS: tuple[QuotePattern, ...] = get_args(QuotePattern)

Part = tuple[int, int]

# What kind of speaker a quote has (the record's speaker_kind; the rules are in README.md): a named person,
# an organisation or a document, an unnamed person known by a role, several people.
SpeakerKind = Literal["person", "organisation", "role", "group"]
SPEAKER_KINDS: tuple[SpeakerKind, ...] = get_args(SpeakerKind)
# The record's speaker_gender, from Person.gender's values: only what the article's words show.
GENDER_CODES = {"Fem": "f", "Masc": "m"}


@dataclass(frozen=True)
class Speaker:
    """Who speaks: the name (or the phrase) and where the article gives it, in chars."""

    text: str
    start: int
    end: int
    title: str | None = None
    org: str | None = None
    kind: SpeakerKind | None = None
    gender: str | None = None  # "Fem" or "Masc" when the article shows it (a title, agreement, a pronoun)


@dataclass(frozen=True)
class Quote:
    type: QuoteType
    parts: tuple[Part, ...]  # char offsets of the reported words, one part per piece (incise or paragraph)
    cue: str | None = None
    speaker: Speaker | str | None = None
    pattern: QuotePattern | None = None
    # A gold quote's kind of speaker, as the annotator classed it (its speaker is a plain name); the
    # extractor's quotes carry theirs on the Speaker.
    speaker_kind: SpeakerKind | None = None

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def speaker_name(self) -> str | None:
        return self.speaker.text if isinstance(self.speaker, Speaker) else self.speaker

    def to_record(self, text: str, marked: MarkedSpan | None = None) -> dict:
        """The output record (doc._.quotes): start and end take in the quotation marks of a direct quote."""
        start = marked.open_at if marked is not None else self.start
        end = marked.end if marked is not None else self.end
        speaker = self.speaker if isinstance(self.speaker, Speaker) else None
        return {
            "type": self.type,
            "text": " ".join(text[s:e] for s, e in self.parts),
            "parts": [[s, e] for s, e in self.parts],
            "start": start,
            "end": end,
            "speaker": self.speaker_name,
            "speaker_span": [speaker.start, speaker.end] if speaker else None,
            "speaker_title": speaker.title if speaker else None,
            "speaker_org": speaker.org if speaker else None,
            "speaker_kind": speaker.kind if speaker else None,
            "speaker_gender": GENDER_CODES.get(speaker.gender) if speaker and speaker.gender else None,
            "cue": self.cue,
        }
