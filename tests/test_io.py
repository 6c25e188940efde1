import json

import pytest

from veille.input.decode import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TooLargeError,
    decode_bytes,
    read_article,
    read_article_bytes,
)

FRENCH = "Le député a présenté à Liège un projet de réforme des écoles, très attendu l'été dernier."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_french_text_is_decoded_whatever_its_encoding(encoding):
    text, _ = decode_bytes(FRENCH.encode(encoding))
    assert text == FRENCH


def test_cp1252_quotes_and_apostrophes_survive():
    original = "« C’est l’été », a-t-elle lancé… Prix : 12 € ; œuvre « intégrale »."
    text, encoding = decode_bytes(original.encode("cp1252"))
    assert text == original
    assert encoding.lower().replace("_", "") in ("cp1252", "windows1252")


def test_crlf_becomes_lf():
    text, _ = decode_bytes(b"Ligne une.\r\nLigne deux.\r\n")
    assert text == "Ligne une.\nLigne deux.\n"


@pytest.mark.parametrize("data, error", [
    (b"", EmptyInputError), (b"   \n\t ", EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryInputError),
    (bytes(range(1, 9)) * 40, BinaryInputError),
])
def test_empty_and_binary_inputs_are_refused(data, error):
    with pytest.raises(error):
        decode_bytes(data, "x")


def test_html_page_gives_main_text_title_and_date():
    page = """<!DOCTYPE html><html><head><title>Grève des bus à Namur | Le Courrier mosan</title>
    <meta property="og:title" content="Grève des bus à Namur">
    <meta property="article:published_time" content="2026-02-11T08:00:00+01:00">
    <script>var tracker = 1;</script></head><body>
    <nav><ul><li>Accueil</li><li>Société</li><li>Sport</li></ul></nav>
    <div id="cookie-banner">Nous utilisons des cookies. Accepter</div>
    <article><h1>Grève des bus à Namur</h1>
    <p>Les chauffeurs des TEC ont cessé le travail mardi matin pour protester contre les nouveaux horaires
    imposés depuis janvier, qui allongent leurs journées de près d'une heure.</p>
    <p>Selon la direction, un bus sur trois circulait à midi. Les syndicats réclament une table ronde avant
    la fin du mois et n'excluent pas un nouvel arrêt de travail la semaine prochaine.</p>
    </article><aside>Les plus lus : la météo du week-end</aside><footer>© 2026</footer></body></html>"""
    article = read_article_bytes(page.encode(), "page.html")
    assert "Les chauffeurs des TEC ont cessé le travail" in article.text
    assert "un bus sur trois" in article.text
    for junk in ("tracker", "Accueil", "cookies", "Les plus lus", "©"):
        assert junk not in article.text
    assert article.title == "Grève des bus à Namur"
    assert article.date == "2026-02-11"


def test_json_object_gives_text_title_date_and_id():
    record = {"id": "dep-77", "title": "Titre", "date": "2026-05-01", "text": FRENCH}
    article = read_article_bytes(json.dumps(record).encode(), "x.json")
    assert (article.id, article.title, article.date, article.text) == ("dep-77", "Titre", "2026-05-01",
                                                                       FRENCH)


def test_json_without_text_is_refused():
    with pytest.raises(EmptyInputError):
        read_article_bytes(b'{"title": "sans corps"}', "x.json")


def test_paths_that_cannot_be_articles_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="folder"):
        read_article(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_text(FRENCH * 10)
    with pytest.raises(TooLargeError):
        read_article(str(big), max_bytes=100)
