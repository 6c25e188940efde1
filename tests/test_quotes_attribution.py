"""Each direct-attribution strategy on hand-built Docs (see test_quotes_docs)."""

from __future__ import annotations

from test_quotes_docs import build, context
from veille.nlp.quotes.attribution import (
    DIRECT_ATTRIBUTIONS,
    attribute,
    direct_quote,
    incise_after,
    incise_inside,
    introduced_before,
)

# « Les prix baissent enfin », a déclaré Claire Dubois.
QUOTE_THEN_NAMED_INCISE = [
    "«|PUNCT|punct|3",
    "Les|DET|det|2",
    "prix|NOUN|nsubj|3",
    "baissent|VERB|ROOT|3|baisser",
    "enfin|ADV|advmod|3",
    "»|PUNCT|punct|3",
    ",|PUNCT|punct|8",
    "a|AUX|aux:tense|8|avoir",
    "déclaré|VERB|parataxis|3|déclarer|VerbForm=Part",
    "Claire|PROPN|nsubj|8",
    "Dubois|PROPN|flat:name|9",
    ".|PUNCT|punct|3",
]


def test_incise_after_takes_the_cue_group_and_the_named_subject_after_the_quote():
    ctx = context(build(QUOTE_THEN_NAMED_INCISE, ents=((9, 11, "PER"),)))
    attribution = incise_after(ctx, ctx.marks[0])
    assert (attribution.pattern, attribution.cue, attribution.speaker.text) == (
        "incise_after",
        "a déclaré",
        "Claire Dubois",
    )


def test_incise_after_takes_an_inverted_clitic_as_the_speaker_words():
    # « Les prix baissent enfin », assure-t-elle.
    doc = build(
        [
            "«|PUNCT|punct|3",
            "Les|DET|det|2",
            "prix|NOUN|nsubj|3",
            "baissent|VERB|ROOT|3|baisser",
            "enfin|ADV|advmod|3",
            "»|PUNCT|punct|3",
            ",|PUNCT|punct|7",
            "assure|VERB|parataxis|3|assurer",
            "-t-elle|PRON|nsubj|7|elle",
            ".|PUNCT|punct|3",
        ]
    )
    attribution = incise_after(context(doc), context(doc).marks[0])
    assert (attribution.pattern, attribution.cue) == ("incise_after", "assure-t-elle")


def test_incise_after_is_no_attribution_when_the_verb_is_a_participle_of_a_title():
    # « Les Nuits de Bruges », publié en 2024.
    doc = build(
        [
            "«|PUNCT|punct|2",
            "Les|DET|det|2",
            "Nuits|PROPN|ROOT|2",
            "de|ADP|case|4",
            "Bruges|PROPN|nmod|2",
            "»|PUNCT|punct|2",
            ",|PUNCT|punct|7",
            "publié|VERB|acl|2|publier|VerbForm=Part",
            "en|ADP|case|9",
            "2024|NUM|obl|7",
            ".|PUNCT|punct|2",
        ]
    )
    ctx = context(doc)
    assert incise_after(ctx, ctx.marks[0]) is None


def test_a_dash_after_the_quote_introduces_the_speakers_name_without_a_cue():
    # « Les commandes reprennent » – Jean Martin
    doc = build(
        [
            "«|PUNCT|punct|3",
            "Les|DET|det|2",
            "commandes|NOUN|nsubj|3",
            "reprennent|VERB|ROOT|3|reprendre",
            "»|PUNCT|punct|3",
            "–|PUNCT|punct|6",
            "Jean|PROPN|appos|3",
            "Martin|PROPN|flat:name|6",
        ],
        ents=((6, 8, "PER"),),
    )
    ctx = context(doc)
    attribution = incise_after(ctx, ctx.marks[0])
    assert (attribution.pattern, attribution.cue, attribution.speaker.text) == ("dash", None, "Jean Martin")


# « Tout ira bien, vous verrez. », selon.  (a source introducer that names nobody)
SOURCE_NAMING_NOBODY = [
    "«|PUNCT|punct|2",
    "Tout|PRON|nsubj|2",
    "ira|VERB|ROOT|2|aller",
    "bien|ADV|advmod|2",
    ",|PUNCT|punct|6",
    "vous|PRON|nsubj|6",
    "verrez|VERB|parataxis|2|voir",
    ".|PUNCT|punct|2",
    "»|PUNCT|punct|2",
    ",|PUNCT|punct|10",
    "selon|ADP|obl|2",
    ".|PUNCT|punct|2",
]


def test_a_source_after_the_quote_naming_nobody_is_no_attribution():
    ctx = context(build(SOURCE_NAMING_NOBODY))
    assert incise_after(ctx, ctx.marks[0]) is None
    assert attribute(ctx, ctx.marks[0]) is None


def test_a_rejected_attribution_leaves_nothing_on_the_quote():
    """The strategies return immutable results: a source rejected for want of a speaker leaves no cue or
    pattern behind on the unattributed quote."""
    ctx = context(build(SOURCE_NAMING_NOBODY))
    quote = direct_quote(ctx, ctx.marks[0])
    assert (quote.cue, quote.pattern, quote.speaker) == (None, None, None)


# « Nous avons gagné, a lancé Marie Dupont, mais le plus dur commence. »
INCISE_INSIDE = [
    "«|PUNCT|punct|3",
    "Nous|PRON|nsubj|3",
    "avons|AUX|aux:tense|3|avoir",
    "gagné|VERB|ROOT|3|gagner",
    ",|PUNCT|punct|6",
    "a|AUX|aux:tense|6|avoir",
    "lancé|VERB|parataxis|3|lancer|VerbForm=Part",
    "Marie|PROPN|nsubj|6",
    "Dupont|PROPN|flat:name|7",
    ",|PUNCT|punct|14",
    "mais|CCONJ|cc|14",
    "le|DET|det|13",
    "plus|ADV|advmod|13",
    "dur|NOUN|nsubj|14",
    "commence|VERB|conj|3|commencer",
    ".|PUNCT|punct|3",
    "»|PUNCT|punct|3",
]


def test_an_incise_inside_the_quote_splits_it_in_two_parts():
    ctx = context(build(INCISE_INSIDE, ents=((7, 9, "PER"),)))
    attribution = incise_inside(ctx, ctx.marks[0])
    assert [ctx.text[s:e] for s, e in attribution.parts] == ["Nous avons gagné", "mais le plus dur commence."]
    assert (attribution.pattern, attribution.cue, attribution.speaker.text) == (
        "incise_inside",
        "a lancé",
        "Marie Dupont",
    )


def test_no_incise_inside_a_quote_whose_comma_is_followed_by_no_verb():
    doc = build(
        [
            "«|PUNCT|punct|3",
            "Nous|PRON|nsubj|3",
            "avons|AUX|aux:tense|3|avoir",
            "gagné|VERB|ROOT|3|gagner",
            ",|PUNCT|punct|6",
            "mais|CCONJ|cc|6",
            "lentement|ADV|conj|3",
            ".|PUNCT|punct|3",
            "»|PUNCT|punct|3",
        ]
    )
    ctx = context(doc)
    assert incise_inside(ctx, ctx.marks[0]) is None


# Le maire l'a redit : « Nous ne fermerons pas cette école. »
COLON_LEAD = [
    "Le|DET|det|1",
    "maire|NOUN|nsubj|4",
    "l'|PRON|obj|4|le",
    "a|AUX|aux:tense|4|avoir",
    "redit|VERB|ROOT|4|redire|VerbForm=Part",
    ":|PUNCT|punct|4",
    "«|PUNCT|punct|10",
    "Nous|PRON|nsubj|10",
    "ne|ADV|advmod|10",
    "fermerons|VERB|parataxis|4|fermer",
    "pas|ADV|advmod|10",
    "cette|DET|det|13",
    "école|NOUN|obj|10",
    ".|PUNCT|punct|10",
    "»|PUNCT|punct|10",
]


def test_a_cue_before_a_colon_introduces_the_quote_with_its_subject_as_speaker():
    ctx = context(build(COLON_LEAD))
    attribution = introduced_before(ctx, ctx.marks[0])
    assert (attribution.pattern, attribution.cue, attribution.speaker.text) == (
        "colon",
        "a redit",
        "Le maire",
    )


def test_a_negated_cue_before_a_colon_introduces_nothing():
    # Le maire n'a pas redit : « … »
    tokens = (
        COLON_LEAD[:2]
        + [
            "n'|ADV|advmod|5|ne",
            "a|AUX|aux:tense|5|avoir",
            "pas|ADV|advmod|5",
            "redit|VERB|ROOT|5|redire|VerbForm=Part",
        ]
        + [token.replace("|4", "|5").replace("|10", "|11").replace("|13", "|14") for token in COLON_LEAD[5:]]
    )
    tokens[1] = "maire|NOUN|nsubj|5"
    ctx = context(build(tokens))
    assert introduced_before(ctx, ctx.marks[0]) is None


def test_a_short_source_lead_introduces_the_quote():
    # Pour Claire Dubois, « les prix vont baisser ».
    doc = build(
        [
            "Pour|ADP|case|1",
            "Claire|PROPN|obl|7",
            "Dubois|PROPN|flat:name|1",
            ",|PUNCT|punct|1",
            "«|PUNCT|punct|7",
            "Les|DET|det|6",
            "prix|NOUN|nsubj|7",
            "baissent|VERB|ROOT|7|baisser",
            "»|PUNCT|punct|7",
            ".|PUNCT|punct|7",
        ],
        ents=((1, 3, "PER"),),
    )
    ctx = context(doc)
    attribution = introduced_before(ctx, ctx.marks[0])
    assert (attribution.pattern, attribution.cue, attribution.speaker.text) == (
        "colon",
        "Pour",
        "Claire Dubois",
    )


def test_a_finished_sentence_before_the_quote_introduces_nothing():
    # Il pleut. « Les prix baissent enfin »
    doc = build(
        ["Il|PRON|expl:subj|1", "pleut|VERB|ROOT|1|pleuvoir", ".|PUNCT|punct|1"]
        + [
            token.replace(f"|{h}", f"|{h + 3}")
            if token.split("|")[2] != "ROOT"
            else "baissent|VERB|ROOT|6|baisser"
            for token, h in ((t, int(t.split("|")[3])) for t in QUOTE_THEN_NAMED_INCISE[:6])
        ]
    )
    ctx = context(doc)
    assert introduced_before(ctx, ctx.marks[0]) is None


def test_the_strategies_are_tried_in_order():
    assert [s.__name__ for s in DIRECT_ATTRIBUTIONS] == ["incise_inside", "incise_after", "introduced_before"]
