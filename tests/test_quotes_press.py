"""The shapes of national press (corpus/GUIDELINES.md 3.1) on the real fr_core_news_md pipeline: wire-style
reported speech closed by an incise, mixed sentences, institutions as speakers."""

import pytest

from veille.text import normalize_for_parser


def quotes_of(nlp, text):
    return nlp(normalize_for_parser(text))._.quotes


def parts_of(text, quote):
    parts = quote.parts if hasattr(quote, "parts") else quote["parts"]
    return [text[s:e] for s, e in parts]


def extracted(nlp, text):
    """The extractor's Quote objects (with their pattern, which the record does not carry)."""
    with nlp.select_pipes(disable=["veille_quotes"]):
        doc = nlp(normalize_for_parser(text))
    found, _ = nlp.get_pipe("veille_quotes").extract(doc)
    return [quote for quote, _ in found]


def answers_of(nlp, text):
    return [q for q in extracted(nlp, text) if q.pattern == "interview_answer"]


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
    assert all(q.type != "indirect" or q.pattern != "incise_after" for q in extracted(nlp, text))


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


INTERVIEW = "\n\n".join([
    "La sociologue Claire Vasseur publie une enquête sur les trajets domicile-travail en grande couronne.",
    "Pourquoi les salariés passent-ils autant de temps dans les transports ?",
    "Parce que les emplois se concentrent au centre et que les logements abordables s'en éloignent. Nous "
    "avons suivi trois cents personnes pendant un an.",
    "Les choses changent pourtant, disent les élus. « Nous ouvrons deux lignes de bus », répète le maire de "
    "Melun.",
    "Que faudrait-il faire ?",
    "Rapprocher les bureaux des gens, tout simplement. Le télétravail y aide, mais il ne concerne qu'un "
    "salarié sur quatre.",
    "Propos recueillis par Louis Garnier"])


def test_the_answers_of_a_question_answer_interview_are_quotes_of_the_interviewee(nlp):
    answers = answers_of(nlp, INTERVIEW)
    assert [parts_of(INTERVIEW, q) for q in answers] == [
        ["Parce que les emplois se concentrent au centre et que les logements abordables s'en éloignent. "
         "Nous avons suivi trois cents personnes pendant un an."],
        ["Rapprocher les bureaux des gens, tout simplement. Le télétravail y aide, mais il ne concerne "
         "qu'un salarié sur quatre."]]
    assert {q.speaker.text for q in answers} == {"Claire Vasseur"}


def test_a_dialogue_dash_answer_ends_where_the_narration_resumes(nlp):
    text = ("La chanteuse Lina Berthier sort un deuxième album.\n\n— Avez-vous peur du succès ?\n\n"
            "— Un peu. Mais je préfère ce vertige au silence.\n\nElle repart ensuite vers le studio de Lyon.")
    [answer] = answers_of(nlp, text)
    assert parts_of(text, answer) == ["Un peu. Mais je préfère ce vertige au silence."]


def test_questions_set_as_subheadings_in_prose_make_no_interview(nlp):
    text = ("Le prix du blé a chuté de 20 % en un an.\n\nPourquoi les cours baissent-ils ?\n\n"
            "Les récoltes ont été abondantes en Russie et en Argentine.\n\nLe marché se retournera-t-il ?\n\n"
            "Les analystes de la banque publique prévoient une stabilisation, a indiqué l'institut.")
    assert answers_of(nlp, text) == []


def test_a_document_speaks_for_the_body_that_issued_it(nlp):
    text = ("Les loyers ont encore augmenté de 4 % en un an, selon une note de la Fédération nationale de "
            "l'immobilier diffusée jeudi.")
    [quote] = quotes_of(nlp, text)
    assert quote["speaker"] == "la Fédération nationale de l'immobilier"


def test_a_capitalised_acronym_speaks_under_its_full_name(nlp):
    text = ("L'Institut national de la statistique et des études économiques (Insee) a publié ses chiffres. "
            "Selon l'Insee, les prix ont progressé de 0,3 % en novembre.")
    [quote] = quotes_of(nlp, text)
    assert quote["speaker"] == "l'Institut national de la statistique et des études économiques"


def test_a_pronoun_takes_up_the_organisation_that_spoke_before(nlp):
    text = ("« Les contrôles seront renforcés », indique le ministère de l'agriculture. Or « aucun élevage "
            "n'est touché », ajoute-t-il.")
    quotes = quotes_of(nlp, text)
    assert [(q["type"], q["speaker"]) for q in quotes] == [
        ("direct", "le ministère de l'agriculture"), ("direct", "le ministère de l'agriculture")]


def test_an_incise_with_an_inverted_auxiliary_closes_a_wire_clause(nlp):
    text = ("Les recherches ont repris lundi, a précisé la préfecture du Finistère. Elles se poursuivront "
            "toute la semaine, a-t-elle ajouté.")
    quotes = quotes_of(nlp, text)
    assert [parts_of(text, q) for q in quotes] == [["Les recherches ont repris lundi"],
                                                   ["Elles se poursuivront toute la semaine"]]
    assert {q["speaker"] for q in quotes} == {"la préfecture du Finistère"}


def test_a_quotation_after_qu_apostrophe_is_the_reported_clause(nlp):
    text = ("Un porte-parole a expliqué à l'Agence France-Presse qu'« une patrouille a essuyé des tirs à "
            "la sortie du village ».")
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote)) == (
        "mixed", ["« une patrouille a essuyé des tirs à la sortie du village »"])


@pytest.mark.parametrize("text", [
    "Selon le guide « Bâtir une halle de marché durable », publié par la chambre de commerce, le bois gagne.",
    "Il l'a redit sur le plateau de « Soir de match » en 2019.",
    "La conférence « Océans et littoraux face au climat » réunit jusqu'à mardi trente pays à Brest.",
])
def test_a_title_after_a_guide_a_show_or_a_conference_is_not_a_quote(nlp, text):
    assert [q for q in quotes_of(nlp, text) if q["type"] == "direct"] == []


def test_a_value_on_an_embedded_line_of_code_is_not_a_quote(nlp):
    text = ('Les chiffres de la saison sont en baisse.\n"fontSize": 13,\n'
            '"font-family": "\'Serif Pro\',Georgia,serif",\n"color": "#2A303B"\n')
    assert quotes_of(nlp, text) == []


def test_two_quoted_segments_joined_under_one_incise_are_one_direct_quote(nlp):
    text = ("Le maire a visité le chantier. « Les travaux avancent bien et la digue tiendra l'hiver » et "
            "« rien ne sera reporté », a assuré Paul Verdier.")
    [quote] = quotes_of(nlp, text)
    assert quote["type"] == "direct"
    assert parts_of(text, quote) == ["Les travaux avancent bien et la digue tiendra l'hiver",
                                     "rien ne sera reporté"]
    assert quote["speaker"] == "Paul Verdier"


@pytest.mark.parametrize("text, kind, part, speaker", [
    ("La piscine restera fermée jusqu'à lundi, a fait savoir la direction.", "indirect",
     "La piscine restera fermée jusqu'à lundi", "la direction"),
    ("Les fouilles « sont liées à l'enquête sur les marchés publics », a fait savoir le parquet de Lille.",
     "mixed", "Les fouilles « sont liées à l'enquête sur les marchés publics »", "le parquet de Lille"),
])
def test_a_multiword_incise_closes_the_clause_before_it(nlp, text, kind, part, speaker):
    [quote] = quotes_of(nlp, text)
    assert (quote["type"], parts_of(text, quote), quote["speaker"]) == (kind, [part], speaker)


def test_a_clause_the_parser_hangs_on_the_incise_from_the_next_paragraph_does_not_stop_it(nlp):
    clause = ("Sur les quarante personnes interpellées, trente ont été placées en garde à vue pour "
              "« participation à un attroupement »")
    text = clause + (", a détaillé le parquet.\n« Des projectiles ont été lancés sur les policiers », "
                     "a ajouté le parquet.")
    quote = quotes_of(nlp, text)[0]
    assert (quote["type"], parts_of(text, quote)) == ("mixed", [clause])
