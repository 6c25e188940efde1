"""End to end on the real pipeline: offsets, chunking of long texts, HTML and boilerplate."""

import veille.analyzer as article_module
from veille.input.decode import RawArticle

PARAGRAPH = ("À Cotonou, le conseil municipal a voté le budget des écoles. « Nous rénoverons douze "
             "classes avant la rentrée », a promis le maire adjoint Koffi Agossou. ")


def test_quote_and_entity_offsets_hold_after_chunking(analyzer, monkeypatch):
    monkeypatch.setattr(article_module, "CHUNK_CHARS", 400)
    text = "\n\n".join(f"{PARAGRAPH}Séance numéro {i}." for i in range(12))
    record = analyzer.analyze(RawArticle(text=text, id="long", source="long")).to_dict()
    assert len(article_module.chunk_offsets(text, 400)) > 3
    assert len(record["quotes"]) == 12
    for quote in record["quotes"]:
        assert " ".join(text[s:e] for s, e in quote["parts"]) == quote["text"]
        assert quote["speaker"] == "Koffi Agossou"
    person = next(e for e in record["entities"] if e["text"] == "Koffi Agossou")
    assert person["count"] == 12
    assert all(text[s:e] == "Koffi Agossou" for s, e in person["mentions"])


def test_chunks_cover_the_text_exactly():
    text = ("Un paragraphe assez long pour être coupé. " * 30 + "\n\n") * 40
    chunks = article_module.chunk_offsets(text, 1000)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert all(end - start <= 1000 for start, end in chunks)


def test_boilerplate_removed_and_counted_and_hash_of_analysed_text(analyzer):
    import hashlib

    text = "Partager\nRéagir\n" + PARAGRAPH + "\n0 Commentaire"
    record = analyzer.analyze(RawArticle(text=text, id="p", source="p")).to_dict()
    assert "boilerplate lines removed: 3" in record["warnings"]
    analysed = PARAGRAPH.strip()
    assert record["text_sha256"] == hashlib.sha256(analysed.encode()).hexdigest()


def test_typographic_apostrophes_keep_offsets_and_words(analyzer):
    text = "L’entraîneuse Inès Haddad l’a répété : « Aujourd’hui, l’équipe n’a plus peur de personne. »"
    record = analyzer.analyze(RawArticle(text=text, id="a", source="a")).to_dict()
    quote = record["quotes"][0]
    assert quote["text"] == "Aujourd’hui, l’équipe n’a plus peur de personne."
    assert quote["speaker"] == "Inès Haddad"


def test_public_api_gives_the_contract(analyzer):
    import veille

    record = veille.analyze(PARAGRAPH, title="Budget des écoles", id="x-1", analyzer=analyzer)
    assert record["schema"] == "veille.article/1"
    assert (record["id"], record["title"]) == ("x-1", "Budget des écoles")
    assert record["quotes"][0]["speaker"] == "Koffi Agossou"


OTHER_LANGUAGES = {
    "en": "The city council said on Tuesday that the new rules on social networks would come into force next "
          "year, despite objections from the platforms and from several rights groups.",
    "es": "El ayuntamiento anunció el martes que las nuevas normas sobre las redes sociales entrarán en "
          "vigor el año próximo, pese a las objeciones de las plataformas y de varias asociaciones.",
    "it": "Il comune ha annunciato martedì che le nuove regole sui social network entreranno in vigore il "
          "prossimo anno, nonostante le obiezioni delle piattaforme e di diverse associazioni.",
    "de": "Die Stadt kündigte am Dienstag an, dass die neuen Regeln für soziale Netzwerke im nächsten Jahr "
          "in Kraft treten, trotz der Einwände der Plattformen und mehrerer Verbände.",
}


def test_other_languages_are_still_told_apart():
    for language, text in OTHER_LANGUAGES.items():
        assert not article_module.looks_french(text)
        assert article_module.detect_language(text) == language


def test_french_shortcut_agrees_with_langid_on_the_corpus(corpus_articles):
    import py3langid

    shortcut = [a for a in corpus_articles if article_module.looks_french(a.text[:5000])]
    assert len(shortcut) > 0.95 * len(corpus_articles)
    disagreeing = [a.id for a in shortcut if py3langid.classify(a.text[:5000])[0] != "fr"]
    assert disagreeing == []
