from hypothesis import given
from hypothesis import strategies as st

from veille.text import clean_text, is_boilerplate, normalize_for_parser, remove_boilerplate


@given(st.text())
def test_parser_normalisation_keeps_every_offset(text):
    normalised = normalize_for_parser(text)
    assert len(normalised) == len(text)


def test_parser_normalisation_fixes_spaces_and_apostrophes():
    text = "L’élue a dit\u00a0: «\u202fnon\u202f»."
    assert normalize_for_parser(text) == "L'élue a dit : « non »."


def test_scraped_page_leftovers_are_removed_and_counted():
    page = "\n".join([
        "SOCIÉTÉ", "Publié le 3 mars 2026 à 10h12 Mis à jour le 3 mars 2026 à 11h40",
        "La mairie de Brest rouvre la piscine Foch après six mois de travaux.",
        "Partager", "Réagir", "0 Commentaire",
        "Lire aussi : la piscine Foch fermée jusqu'à l'été",
        "Les nageurs du club local reprendront l'entraînement dès lundi.",
        "Nous utilisons des cookies pour améliorer votre navigation. Accepter",
        "Tous les champs sont obligatoires",
    ])
    cleaned, warnings = clean_text(page)
    assert cleaned == ("La mairie de Brest rouvre la piscine Foch après six mois de travaux.\n"
                       "Les nageurs du club local reprendront l'entraînement dès lundi.")
    assert warnings == ["boilerplate lines removed: 8"]


def test_article_lines_that_look_like_boilerplate_words_are_kept():
    for line in ("Il a voulu partager sa recette de cookies avec ses voisins.",
                 "Les élèves ont lu aussi des poèmes de Senghor.",
                 "ONU : la session s'ouvre demain à Genève."):
        assert not is_boilerplate(line), line
    assert remove_boilerplate("Partager\nUn texte.")[1] == 1
