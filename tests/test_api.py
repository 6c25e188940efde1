"""The Python API: veille.analyze's Record, veille.analyze_many's stream, veille.to_dataframe's tables."""

import json
import sys

import pytest

import veille
from veille.apps.api import Record

BRIDGE = ("Le conseil départemental du Finistère a voté jeudi la rénovation du pont de Térénez. "
          "« Les travaux commenceront au printemps », a annoncé Paul Le Bihan, vice-président chargé des "
          "routes. "
          "Les élus de l'opposition jugent que le chantier coûtera plus cher que prévu.")
MARKET = ("À Nantes, le marché de Talensac rouvre samedi après deux mois de travaux. "
          "« Les clients vont retrouver leurs habitudes », assure Louise Garnier, qui vend des fromages "
          "depuis vingt ans.")


@pytest.fixture(scope="module")
def records(analyzer):
    items = [BRIDGE, "", (MARKET, "Le marché rouvre"),
             {"text": BRIDGE, "id": "pont-29", "date": "2025-03-06"}, {"title": "sans texte"}]
    return list(veille.analyze_many(items, analyzer=analyzer))


def test_analyze_returns_a_record_that_is_still_a_dict(analyzer):
    record = veille.analyze(BRIDGE, title="Le pont de Térénez", analyzer=analyzer)
    assert isinstance(record, Record) and isinstance(record, dict)
    assert record["title"] == "Le pont de Térénez" and record["quotes"]
    plain = record.to_dict()
    assert type(plain) is dict and plain == record
    plain["quotes"].clear()
    assert record["quotes"], "to_dict is a copy"
    assert json.loads(json.dumps(record)) == plain | {"quotes": record["quotes"]}
    assert "Paul Le Bihan" in record._repr_html_()


def test_analyze_many_yields_one_record_per_item_in_order(records):
    assert len(records) == 5
    first, empty, market, bridge, no_text = records
    assert first["id"] == "<text 1>" and "error" not in first
    assert empty["id"] == "<text 2>" and empty["error"]["type"] == "empty" and empty.is_error
    assert market["title"] == "Le marché rouvre" and market["id"] == "<text 3>"
    assert bridge["id"] == "pont-29" and bridge["date"] == "2025-03-06"
    assert no_text["error"]["type"] == "empty"
    assert first["quotes"] == bridge["quotes"]
    assert all(isinstance(record, Record) for record in records)


def test_analyze_many_is_a_stream(analyzer):
    consumed = []

    def texts():
        for number in range(24):
            consumed.append(number)
            yield MARKET

    stream = veille.analyze_many(texts(), analyzer=analyzer)
    assert iter(stream) is stream and not consumed
    assert next(stream)["quotes"]
    assert len(consumed) < 24, "the first record comes out before the last text is read"
    assert sum(1 for _ in stream) == 23
    with pytest.raises(TypeError, match="item 1"):
        list(veille.analyze_many([42], analyzer=analyzer))


def test_to_dataframe_one_row_per_article_or_per_quote(records, tmp_path):
    articles = veille.to_dataframe(records)
    assert len(articles) == len(records)
    assert list(articles["id"]) == [record["id"] for record in records]
    assert articles.loc[1, "error"].startswith("empty:")
    assert any(column.startswith("topic_") for column in articles.columns)
    assert articles.loc[0, "quotes"] == len(records[0]["quotes"])
    assert "Paul Le Bihan" in articles.loc[0, "top_speakers"]

    quotes = veille.to_dataframe(records, level="quotes")
    assert len(quotes) == sum(len(record.get("quotes", [])) for record in records)
    row = quotes[quotes["speaker"] == "Louise Garnier"].iloc[0]
    assert row["article_id"] == "<text 3>" and row["title"] == "Le marché rouvre"
    text = records[2]["text"]
    assert " ".join(text[start:end] for start, end in row["parts"]) == row["text"]
    assert {"speaker_title", "speaker_org", "type", "cue", "start", "end"} <= set(quotes.columns)

    path = tmp_path / "results.jsonl"
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    path.write_text(lines, encoding="utf-8")
    assert len(veille.to_dataframe(path, level="quotes")) == len(quotes)
    assert veille.to_dataframe([], level="quotes").columns.tolist() == quotes.columns.tolist()


def test_to_dataframe_says_how_to_install_pandas(monkeypatch, records):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'veille\[tables\]'"):
        veille.to_dataframe(records)
    monkeypatch.undo()
    with pytest.raises(ValueError, match="level"):
        veille.to_dataframe(records, level="speakers")
