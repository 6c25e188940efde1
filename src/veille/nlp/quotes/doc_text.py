"""The Doc's text, read once per extraction.

spaCy's `Doc.text` joins every token's text on each access (0.1 ms for an article) and the quote rules read it
dozens of times per Doc: that was half of the extractor's time. `reading_text` keeps it for the length of one
extraction, in `user_data` so nothing outlives the Doc, and removes it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc

_KEY = "veille_quotes.text"


def text_of(doc: Doc) -> str:
    cached = doc.user_data.get(_KEY)
    return cached if cached is not None else doc.text


@contextmanager
def reading_text(doc: Doc) -> Iterator[str]:
    doc.user_data[_KEY] = doc.text
    try:
        yield doc.user_data[_KEY]
    finally:
        doc.user_data.pop(_KEY, None)
