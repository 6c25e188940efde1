"""The quote extractor: see README.md in this folder for its stages and how to extend it.

The shared vocabulary (for the corpus loader and the scorer): `Quote`, `Speaker`, `QUOTE_TYPES`,
`QUOTE_PATTERNS`. The pipeline component is registered by importing `veille.nlp.quotes.component`.
"""

from veille.nlp.quotes.quote import (
    QUOTE_PATTERNS,
    QUOTE_TYPES,
    SPEAKER_KINDS,
    Quote,
    QuotePattern,
    QuoteType,
    Speaker,
    SpeakerKind,
)
from veille.nlp.quotes.settings import QuoteSettings

__all__ = ["QUOTE_PATTERNS", "QUOTE_TYPES", "SPEAKER_KINDS", "Quote", "QuotePattern", "QuoteSettings",
           "QuoteType", "Speaker", "SpeakerKind"]
