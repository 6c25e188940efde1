"""speaker_kind and speaker_gender of quote records, on sentences written for these tests and the real
pipeline: the gender only from what the article says (a title, agreement, a pronoun), never from a first
name; the kind from whether the speaker is a person of the article, an organisation, a role or a group."""

from __future__ import annotations

import pytest

from veille.nlp.quotes.quote import SPEAKER_KINDS, Quote, Speaker
from veille.text import normalize_for_parser


def quote_of(nlp, text: str) -> dict:
    quotes = nlp(normalize_for_parser(text))._.quotes
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("text, speaker, kind, gender", [
    # A title says it.
    ("« Nous ne céderons pas », a déclaré Mme Claire Dubois, maire de Lyon.", "Claire Dubois", "person", "f"),
    ("« Nous ne céderons pas », a déclaré M. Paul Roy.", "Paul Roy", "person", "m"),
    # The pronoun of the incise.
    ("Anne Roy dirige le club. « Nous avons gagné », dit-elle.", "Anne Roy", "person", "f"),
    # A role noun and its determiner, resolved to the person named with it.
    ("La ministre de la Santé, Claire Dubois, visitait Lyon mardi. « Nous ne céderons pas sur les "
     "urgences », a déclaré la ministre.", "Claire Dubois", "person", "f"),
    # Nothing in the text: a first name is no evidence.
    ("« C'est injuste », a dit Karim Benali.", "Karim Benali", "person", None),
    ("« C'est injuste », a dit Claire Martin.", "Claire Martin", "person", None),
])
def test_a_named_speaker_is_a_person_with_the_gender_the_text_gives(nlp, text, speaker, kind, gender):
    quote = quote_of(nlp, text)
    assert (quote["speaker"], quote["speaker_kind"], quote["speaker_gender"]) == (speaker, kind, gender)


@pytest.mark.parametrize("text, kind, gender", [
    ("« Les chiffres sont mauvais », a indiqué un porte-parole de la Commission.", "role", "m"),
    ("« Les chiffres sont mauvais », a indiqué la porte-parole du gouvernement.", "role", "f"),
    ("« Je n'ai rien vu », raconte une habitante du quartier.", "role", "f"),
    ("L'une d'elles affirme que le directeur savait.", "role", "f"),
    # "une source" is feminine whoever the source is.
    ("D'après une source proche du dossier, le juge a refusé.", "role", None),
    ("Selon la préfecture, 300 personnes ont manifesté.", "organisation", None),
    ("Le ministère de l'Intérieur a indiqué que la situation était sous contrôle.", "organisation", None),
    ("Selon le rapport, les plateformes ne modèrent pas assez.", "organisation", None),
    ("Selon Europol, les réseaux criminels utilisent les messageries.", "organisation", None),
    ("Les syndicats estiment que la réforme est injuste.", "group", None),
    ("Des habitants affirment que le bruit est insupportable.", "group", None),
    ("Certains estiment que la réforme est injuste.", "group", None),
])
def test_an_unnamed_speaker_is_a_role_an_organisation_or_a_group(nlp, text, kind, gender):
    quote = quote_of(nlp, text)
    assert (quote["speaker_kind"], quote["speaker_gender"]) == (kind, gender), quote["speaker"]


def test_the_record_fields_map_the_speaker_and_are_null_without_one():
    text = "« Bonjour tout », a dit Anne Roy."
    placed = Quote("direct", ((2, 14),), speaker=Speaker("Anne Roy", 24, 32, kind="person", gender="Fem"))
    record = placed.to_record(text)
    assert (record["speaker_kind"], record["speaker_gender"]) == ("person", "f")
    bare = Quote("direct", ((2, 14),)).to_record(text)
    assert (bare["speaker_kind"], bare["speaker_gender"]) == (None, None)
    assert SPEAKER_KINDS == ("person", "organisation", "role", "group")
