"""Each speaker resolver on hand-built Docs (see test_quotes_docs)."""

from __future__ import annotations

import pytest

from test_quotes_docs import build, context
from veille.nlp.quotes.context import QuoteContext
from veille.nlp.quotes.quote import Speaker
from veille.nlp.quotes.speakers import SPEAKER_RESOLVERS, NoSpeaker, SpeakerRequest, resolve_speaker
from veille.nlp.quotes.speakers import resolvers as R

# ---- speaker resolvers ----------------------------------------------------------------------------------
# Claire Dubois dirige le club.
NAMED_SUBJECT = [
    "Claire|PROPN|nsubj|2",
    "Dubois|PROPN|flat:name|0",
    "dirige|VERB|ROOT|2|diriger",
    "le|DET|det|4",
    "club|NOUN|obj|2",
    ".|PUNCT|punct|2",
]


def shifted(tokens: list[str], by: int) -> list[str]:
    """The tokens of a sentence placed `by` tokens later in a Doc (heads moved with them)."""
    moved = []
    for token in tokens:
        fields = token.split("|")
        fields[3] = str(int(fields[3]) + by)
        moved.append("|".join(fields))
    return moved


def request(ctx: QuoteContext, start: int, end: int, before: int | None = None) -> SpeakerRequest:
    tokens = list(ctx.doc[start:end])
    return SpeakerRequest.of(tokens, tokens[0].idx if before is None else before)


def test_named_person_gives_the_fullest_name_at_the_nearest_mention():
    # Claire Dubois dirige le club. Dubois sourit.
    doc = build(
        NAMED_SUBJECT + ["Dubois|PROPN|nsubj|7", "sourit|VERB|ROOT|7|sourire", ".|PUNCT|punct|7"],
        ents=((0, 2, "PER"), (6, 7, "PER")),
    )
    ctx = context(doc)
    speaker = R.named_person(ctx, request(ctx, 6, 7))
    assert (speaker.text, ctx.text[speaker.start : speaker.end]) == ("Claire Dubois", "Dubois")


def test_a_name_ner_missed_set_after_a_role_is_the_speaker():
    # la directrice du festival, Rim Ben Salem, sourit.
    doc = build(
        [
            "la|DET|det|1",
            "directrice|NOUN|nsubj|9",
            "du|ADP|case|3",
            "festival|NOUN|nmod|1",
            ",|PUNCT|punct|5",
            "Rim|PROPN|appos|1",
            "Ben|PROPN|flat:name|5",
            "Salem|PROPN|flat:name|5",
            ",|PUNCT|punct|5",
            "sourit|VERB|ROOT|9|sourire",
            ".|PUNCT|punct|9",
        ]
    )
    ctx = context(doc)
    assert R.named_person(ctx, request(ctx, 0, 4)) is None
    assert R.apposed_name(ctx, request(ctx, 0, 4)).text == "Rim Ben Salem"


def test_on_names_nobody_and_stops_the_resolution():
    # « Nous gagnerons », dit-on.
    doc = build(
        [
            "«|PUNCT|punct|2",
            "Nous|PRON|nsubj|2",
            "gagnerons|VERB|ROOT|2|gagner",
            "»|PUNCT|punct|2",
            ",|PUNCT|punct|5",
            "dit|VERB|parataxis|2|dire",
            "-on|PRON|nsubj|5|on",
            ".|PUNCT|punct|2",
        ]
    )
    ctx = context(doc)
    assert isinstance(R.indefinite_on(ctx, request(ctx, 6, 7, before=0)), NoSpeaker)
    assert resolve_speaker(ctx, request(ctx, 6, 7, before=0)) is None


# « Nous gagnerons », dit-elle.
QUOTE_DIT_ELLE = [
    "«|PUNCT|punct|2",
    "Nous|PRON|nsubj|2",
    "gagnerons|VERB|ROOT|2|gagner",
    "»|PUNCT|punct|2",
    ",|PUNCT|punct|5",
    "dit|VERB|parataxis|2|dire",
    "-elle|PRON|nsubj|5|elle",
    ".|PUNCT|punct|2",
]


def test_an_inverted_pronoun_after_the_quote_takes_up_the_last_salient_subject():
    doc = build(NAMED_SUBJECT + shifted(QUOTE_DIT_ELLE, 6), ents=((0, 2, "PER"),))
    ctx = context(doc)
    speaker = R.pronoun(ctx, request(ctx, 12, 13, before=ctx.marks[0].open_at))
    assert (speaker.text, ctx.text[speaker.start : speaker.end]) == ("Claire Dubois", "-elle")


def test_a_pronoun_with_no_antecedent_names_nobody():
    ctx = context(build(QUOTE_DIT_ELLE))
    assert isinstance(R.pronoun(ctx, request(ctx, 6, 7, before=0)), NoSpeaker)


def test_a_role_noun_takes_up_the_person_given_that_role():
    # La ministre Claire Dubois visite Lyon. La ministre sourit.
    doc = build(
        [
            "La|DET|det|1",
            "ministre|NOUN|nsubj|4",
            "Claire|PROPN|appos|1",
            "Dubois|PROPN|flat:name|2",
            "visite|VERB|ROOT|4|visiter",
            "Lyon|PROPN|obj|4",
            ".|PUNCT|punct|4",
            "La|DET|det|8",
            "ministre|NOUN|nsubj|9",
            "sourit|VERB|ROOT|9|sourire",
            ".|PUNCT|punct|9",
        ],
        ents=((2, 4, "PER"), (5, 6, "LOC")),
    )
    ctx = context(doc)
    speaker = R.role_noun(ctx, request(ctx, 7, 9))
    assert (speaker.text, ctx.text[speaker.start : speaker.end]) == ("Claire Dubois", "La ministre")


def test_a_possessed_finding_is_the_possessors_words():
    # Claire Dubois dirige le club. Selon ses relevés, …
    doc = build(
        NAMED_SUBJECT
        + [
            "Selon|ADP|case|8",
            "ses|DET|det|8",
            "relevés|NOUN|obl|10",
            ",|PUNCT|punct|8",
            "tout|PRON|nsubj|11",
            "va|VERB|ROOT|11|aller",
            ".|PUNCT|punct|11",
        ],
        ents=((0, 2, "PER"),),
    )
    ctx = context(doc)
    assert R.role_noun(ctx, request(ctx, 7, 9)) is None
    assert R.possessor(ctx, request(ctx, 7, 9)).text == "Claire Dubois"


@pytest.mark.parametrize(
    "tokens, speaker, kind",
    [
        (
            ["Le|DET|det|1", "syndicat|NOUN|nsubj|2", "proteste|VERB|ROOT|2|protester", ".|PUNCT|punct|2"],
            "Le syndicat", "organisation",
        ),
        (["Certains|PRON|nsubj|1", "protestent|VERB|ROOT|1|protester", ".|PUNCT|punct|1"], "Certains",
         "group"),
    ],
)
def test_an_unnamed_speaker_is_the_phrase_as_written(tokens, speaker, kind):
    ctx = context(build(tokens))
    subject = next(t.i for t in ctx.doc if t.dep_ == "nsubj")
    words = request(ctx, 0, subject + 1)
    assert R.phrase_as_written(ctx, words).text == speaker
    assert resolve_speaker(ctx, words) == Speaker(speaker, 0, len(speaker), kind=kind)


def test_the_speaker_resolvers_are_tried_in_order():
    assert [r.__name__ for r in SPEAKER_RESOLVERS] == [
        "relative_antecedent",
        "named_person",
        "apposed_name",
        "indefinite_on",
        "pronoun",
        "role_noun",
        "possessor",
        "phrase_as_written",
    ]


def test_named_person_takes_the_name_set_in_apposition_after_a_role():
    # Sa présidente, Marianne Chevalley, sourit.
    doc = build(
        [
            "Sa|DET|det|1",
            "présidente|NOUN|nsubj|6",
            ",|PUNCT|punct|3",
            "Marianne|PROPN|appos|1",
            "Chevalley|PROPN|flat:name|3",
            ",|PUNCT|punct|3",
            "sourit|VERB|ROOT|6|sourire",
            ".|PUNCT|punct|6",
        ],
        ents=((3, 5, "PER"),),
    )
    ctx = context(doc)
    assert R.named_person(ctx, request(ctx, 0, 2)).text == "Marianne Chevalley"


def test_no_unlisted_name_is_taken_after_a_noun_for_a_thing():
    # Le club, Rim Ben Salem, sourit.
    doc = build(
        [
            "Le|DET|det|1",
            "club|NOUN|nsubj|7",
            ",|PUNCT|punct|3",
            "Rim|PROPN|appos|1",
            "Ben|PROPN|flat:name|3",
            "Salem|PROPN|flat:name|3",
            ",|PUNCT|punct|3",
            "sourit|VERB|ROOT|7|sourire",
            ".|PUNCT|punct|7",
        ]
    )
    ctx = context(doc)
    assert R.apposed_name(ctx, request(ctx, 0, 2)) is None
