"""The veille_quotes component as spaCy sees it: its settings in the config, saved and loaded with the
pipeline, its scorer, and the shared Quote type."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

import pytest
from spacy.training import Example

from veille.nlp.quotes.component import QuoteExtractor
from veille.nlp.quotes.quote import QUOTE_PATTERNS, QUOTE_TYPES, Quote, Speaker
from veille.nlp.quotes.settings import QuoteSettings
from veille.text import normalize_for_parser


def test_every_setting_is_in_the_pipeline_config(nlp):
    config = nlp.config["components"]["veille_quotes"]
    assert {f.name for f in fields(QuoteSettings)} <= set(config)
    assert config["min_direct_words"] == QuoteSettings().min_direct_words
    assert config["scorer"] == {"@scorers": "veille.quotes_scorer.v1"}
    assert nlp.get_pipe_meta("veille_quotes").assigns == ["doc.spans", "doc._.quotes", "doc._.quote_warnings"]


def test_a_changed_setting_is_saved_and_loaded_with_the_pipeline(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    config = tmp_path / "pipeline" / "config.cfg"
    config.write_text(config.read_text().replace("source_reach = 5", "source_reach = 7"))
    reloaded = spacy.load(tmp_path / "pipeline", exclude=["senter", "strings"])
    assert reloaded.get_pipe("veille_quotes").settings.source_reach == 7
    assert reloaded.config["components"]["veille_quotes"]["source_reach"] == 7


def test_the_min_direct_words_setting_is_honoured_by_the_indirect_scan_too(nlp):
    # A cue inside a long marked span starts no indirect quote; with a higher threshold the span is short.
    text = normalize_for_parser("« Le ministre a assuré que la réforme serait votée avant l'été. »")
    doc = nlp(text)
    strict = QuoteExtractor(nlp, settings=QuoteSettings(min_direct_words=50))
    assert [q["type"] for q in doc._.quotes] == ["direct"]
    assert "indirect" in [q["type"] for q in strict(nlp(text))._.quotes]


def test_a_source_naming_nobody_after_a_quote_leaves_no_cue(nlp):
    quote, = nlp(normalize_for_parser(
        "« Les travaux seront finis avant l'hiver, faites-nous confiance. », selon."))._.quotes
    assert (quote["type"], quote["cue"], quote["speaker"]) == ("direct", None, None)


def test_the_scorer_compares_the_quote_spans(nlp):
    text = "Le ministre Paul Girard a assuré que la réforme serait votée avant l'été."
    predicted = nlp(text)
    reference = nlp.make_doc(text)
    reference.spans["quotes"] = [reference.char_span(s["start"], s["end"], label=s["type"])
                                 for s in predicted._.quotes]
    scores = nlp.get_pipe("veille_quotes").score([Example(predicted, reference)])
    assert (scores["quotes_p"], scores["quotes_r"], scores["quotes_f"]) == (1.0, 1.0, 1.0)


def test_the_quote_type_is_immutable_and_serves_gold_quotes_with_a_plain_speaker():
    quote = Quote("direct", ((3, 10),), cue="a dit", speaker="Anne Roy", pattern="incise_after")
    with pytest.raises(FrozenInstanceError):
        quote.cue = None  # type: ignore[misc]
    record = quote.to_record("« Bonjour tout », a dit Anne Roy.")
    assert (record["speaker"], record["speaker_span"], record["parts"]) == ("Anne Roy", None, [[3, 10]])
    placed = Quote("direct", ((3, 10),), speaker=Speaker("Anne Roy", 24, 32))
    assert placed.to_record("x" * 40)["speaker_span"] == [24, 32]
    assert QUOTE_TYPES == ("direct", "indirect", "mixed")
    assert {"incise_after", "continuation", "unclosed"} <= set(QUOTE_PATTERNS)

