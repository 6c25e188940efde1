"""Custom Doc attributes, registered in one place. Only plain values: Span objects in extensions break
DocBin and multi-process nlp.pipe."""

from spacy.tokens import Doc


def register_extensions() -> None:
    if not Doc.has_extension("quotes"):
        # One dict per quote: type, text, parts, start, end, speaker, speaker_span, cue, …
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("quote_warnings"):
        Doc.set_extension("quote_warnings", default=None)
