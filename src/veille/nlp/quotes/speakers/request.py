"""What a speaker resolver is asked and what it may answer."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from veille.nlp.quotes.lexicon.marks import WORD_JOINERS
from veille.nlp.quotes.quote import Speaker


@dataclass(frozen=True)
class SpeakerRequest:
    """The words that name a speaker (a name, a pronoun, a role noun, a group), and the char offset of the
    quote they speak: a pronoun or a role noun takes up someone named before it."""

    tokens: tuple[Token, ...]
    before: int

    @classmethod
    def of(cls, tokens: list[Token] | tuple[Token, ...], before: int) -> SpeakerRequest:
        """Without spaces and punctuation (but for the hyphen and apostrophe inside words)."""
        return cls(tuple(t for t in tokens if not t.is_space and (not t.is_punct or t.text in WORD_JOINERS)),
                   before)

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1].text)


@dataclass(frozen=True)
class NoSpeaker:
    """A resolver's decision that the words name nobody the article identifies (the pronoun "on", a
    pronoun with no antecedent): the resolvers after it are not tried."""

    reason: str


# None: the resolver does not apply, the next one is tried.
Resolution = Speaker | NoSpeaker | None
