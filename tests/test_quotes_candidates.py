"""Indirect and mixed candidates on hand-built Docs (see test_quotes_docs)."""

from __future__ import annotations

from test_quotes_docs import build, context
from veille.nlp.quotes.candidates import indirect_candidates

# Le ministre a assuré que la réforme passera.
QUE_CLAUSE = [
    "Le|DET|det|1",
    "ministre|NOUN|nsubj|3",
    "a|AUX|aux:tense|3|avoir",
    "assuré|VERB|ROOT|3|assurer|VerbForm=Part",
    "que|SCONJ|mark|7",
    "la|DET|det|6",
    "réforme|NOUN|nsubj|7",
    "passera|VERB|ccomp|3|passer|VerbForm=Fin",
    ".|PUNCT|punct|3",
]


def test_a_cue_with_a_que_clause_is_an_indirect_quote_of_its_subject():
    ctx = context(build(QUE_CLAUSE))
    ((quote, covered),) = indirect_candidates(ctx)
    assert (quote.type, quote.pattern, quote.cue, quote.speaker.text) == (
        "indirect",
        "indirect_que",
        "a assuré",
        "Le ministre",
    )
    assert ctx.text[quote.start : quote.end] == "la réforme passera"
    assert covered == set()


def test_a_negated_cue_reports_nothing():
    # Le ministre n'a pas assuré que la réforme passera.
    tokens = [
        "Le|DET|det|1",
        "ministre|NOUN|nsubj|5",
        "n'|ADV|advmod|5|ne",
        "a|AUX|aux:tense|5|avoir",
        "pas|ADV|advmod|5",
        "assuré|VERB|ROOT|5|assurer|VerbForm=Part",
        "que|SCONJ|mark|9",
        "la|DET|det|8",
        "réforme|NOUN|nsubj|9",
        "passera|VERB|ccomp|5|passer|VerbForm=Fin",
        ".|PUNCT|punct|5",
    ]
    assert indirect_candidates(context(build(tokens))) == []


def test_a_source_opening_the_sentence_attributes_the_clause_after_its_comma():
    # Selon le rapport, la réforme coûtera cher.
    doc = build(
        [
            "Selon|ADP|case|2",
            "le|DET|det|2",
            "rapport|NOUN|obl|6",
            ",|PUNCT|punct|2",
            "la|DET|det|5",
            "réforme|NOUN|nsubj|6",
            "coûtera|VERB|ROOT|6|coûter",
            "cher|ADV|advmod|6",
            ".|PUNCT|punct|6",
        ]
    )
    ctx = context(doc)
    ((quote, _),) = indirect_candidates(ctx)
    assert (quote.pattern, quote.cue, quote.speaker.text) == ("selon", "Selon", "le rapport")
    assert ctx.text[quote.start : quote.end] == "la réforme coûtera cher"
