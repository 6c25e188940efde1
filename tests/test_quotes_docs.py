"""Hand-built Docs for the quote rules' tests: the words, their tags, heads and labels are given, so a rule
is tested without the statistical parser (as spaCy's own tests do).

A token is written "text|POS|dep|head|lemma|morph" (head: the index of its head; lemma defaults to the
lowercase text); `ents` are (start, end, label) token ranges.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from veille.nlp.quotes.context import QuoteContext, Sentences
from veille.nlp.quotes.marks import find_marked_spans, paragraphs
from veille.nlp.quotes.people import people_of
from veille.nlp.quotes.settings import QuoteSettings

VOCAB = spacy.blank("fr").vocab
NO_SPACE_BEFORE = {",", ".", ")", "…"}


def build(tokens: list[str], ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    fields = [token.split("|") for token in tokens]
    words = [f[0] for f in fields]
    spaces = [
        not (word.endswith(("'", "(")) or following in NO_SPACE_BEFORE or following.startswith("-"))
        for word, following in zip(words, words[1:] + [""], strict=True)
    ]
    spaces[-1] = False
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        pos=[f[1] for f in fields],
        deps=[f[2] for f in fields],
        heads=[int(f[3]) for f in fields],
        lemmas=[f[4] if len(f) > 4 and f[4] else f[0].lower() for f in fields],
        morphs=[f[5] if len(f) > 5 else "" for f in fields],
        ents=iob,
    )


def context(doc: Doc, settings: QuoteSettings | None = None) -> QuoteContext:
    settings = settings or QuoteSettings()
    marks, _ = find_marked_spans(doc.text)
    return QuoteContext(
        doc=doc,
        text=doc.text,
        sentences=Sentences(doc),
        paragraphs=tuple(paragraphs(doc.text)),
        marks=tuple(marks),
        people=tuple(people_of(doc, settings)),
        settings=settings,
    )


def test_a_hand_built_doc_has_the_given_words_sentences_and_entities():
    doc = build(
        [
            "Anne|PROPN|nsubj|2",
            "Roy|PROPN|flat:name|0",
            "sourit|VERB|ROOT|2|sourire",
            ".|PUNCT|punct|2",
            "Elle|PRON|nsubj|5",
            "part|VERB|ROOT|5|partir",
            ".|PUNCT|punct|5",
        ],
        ents=((0, 2, "PER"),),
    )
    assert doc.text == "Anne Roy sourit. Elle part."
    assert [s.text for s in doc.sents] == ["Anne Roy sourit.", "Elle part."]
    assert [p.name for p in context(doc).people] == ["Anne Roy"]
