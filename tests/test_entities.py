from veille.nlp.entities.group import Mention, clean_mention, group_mentions


def test_mentions_of_one_person_are_grouped_under_the_fullest_name():
    # "Emmanuel Macron est arrivé. M. Macron a salué la foule. Macron est reparti. Paris attendait."
    mentions = [Mention("Emmanuel Macron", "PER", 0, 15), Mention("Macron", "PER", 30, 36),
                Mention("Macron", "LOC", 56, 62), Mention("Paris", "LOC", 77, 82)]
    groups = group_mentions(mentions)
    assert [(g.text, g.label, len(g.mentions)) for g in groups] == [
        ("Emmanuel Macron", "PER", 3), ("Paris", "LOC", 1)]


def test_surname_of_two_words_and_first_name_alone():
    mentions = [Mention("Marine Le Pen", "PER", 0, 13), Mention("Le Pen", "PER", 40, 46)]
    assert [g.text for g in group_mentions(mentions)] == ["Marine Le Pen"]


def test_junk_mentions_are_dropped_or_trimmed():
    text = "qu’Emmanuel Macron dit. PARTAGER Selon M. Dupont, « Le Soir » l’a écrit."
    assert clean_mention(text, 0, 18, "PER").text == "Emmanuel Macron"
    assert clean_mention(text, 24, 32, "MISC") is None
    assert clean_mention(text, 33, 38, "PER") is None
    assert clean_mention(text, 39, 48, "PER").text == "Dupont"
    assert clean_mention(text, 50, 61, "ORG").text == "Le Soir"


def test_platforms_and_outlets_are_organisations(nlp):
    doc = nlp("Sur X et sur TikTok, Le Soir a relayé l'appel publié mardi sur Instagram par Awa Ndiaye.")
    labels = {ent.text: ent.label_ for ent in doc.ents}
    assert labels["X"] == labels["TikTok"] == labels["Instagram"] == labels["Le Soir"] == "ORG"
    assert labels["Awa Ndiaye"] == "PER"


def test_a_capital_x_that_is_not_the_platform_is_left_alone(nlp):
    doc = nlp("Le roi Louis X régna peu de temps, selon l'historienne Anne Roy.")
    assert not any(ent.text == "X" and ent.label_ == "ORG" for ent in doc.ents)


def test_institutions_and_places_named_in_lower_case_are_kept_as_entities(analyzer_without_models):
    from veille.input.decode import RawArticle

    text = ("Le ministère des Armées a confirmé l'envoi de deux frégates, a indiqué la préfecture du Var. "
            "Didier L. attendait devant la gare Saint-Charles. Le parquet national financier enquête "
            "depuis la vallée de l'Arve ; la LPO a réagi sur X, puis le président de la Ligue s'est tu.")
    record = analyzer_without_models.analyze(RawArticle(id="t", source="t", text=text, title=None)).to_dict()
    found = {(entity["text"], entity["label"]) for entity in record["entities"]}
    assert {("ministère des Armées", "ORG"), ("préfecture du Var", "ORG"),
            ("parquet national financier", "ORG"), ("Didier L.", "PER"), ("X", "ORG")} <= found
    assert "vallée de l'Arve" in {text for text, _ in found}
    assert not any(text.startswith("président") for text, _ in found)
