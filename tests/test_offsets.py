"""Every offset of a record indexes the record's own `text` (the analysed text), on the whole corpus: what a
user needs to highlight a quote or import the record into an annotation tool."""

import hashlib
import json

import jsonschema
from typer.testing import CliRunner

from veille.apps.cli import app
from veille.input.decode import RawArticle
from veille.record import json_schema

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def _spans_hold(record: dict) -> list[str]:
    """What does not hold in one record, as readable lines."""
    text, where = record["text"], record["id"]
    faults = [f"{where}: {error.json_path}: {error.message}" for error in VALIDATOR.iter_errors(record)]
    if hashlib.sha256(text.encode()).hexdigest() != record["text_sha256"]:
        faults.append(f"{where}: text_sha256 is not the hash of text")
    for quote in record["quotes"]:
        parts = [text[s:e] for s, e in quote["parts"]]
        if " ".join(parts) != quote["text"]:
            faults.append(f"{where}: quote parts {quote['parts']} do not give {quote['text'][:40]!r}")
        if not all(quote["start"] <= s < e <= quote["end"] for s, e in quote["parts"]):
            faults.append(f"{where}: quote parts outside [start, end] {quote['start'], quote['end']}")
        if quote["speaker_span"]:
            s, e = quote["speaker_span"]
            words = text[s:e]
            if not words or words != words.strip():
                faults.append(f"{where}: speaker span {quote['speaker_span']} gives {words!r}")
    for entity in record["entities"]:
        for s, e in entity["mentions"]:
            words = text[s:e]
            # A mention's last word is in the entity's fullest form (whose case may differ: a dateline).
            last = words.split()[-1].strip("'’").casefold() if words.strip() else ""
            if not words or words != words.strip() or last not in entity["text"].casefold():
                faults.append(f"{where}: mention {[s, e]} gives {words!r} for entity {entity['text']!r}")
    for sentence in record["stance"].get("evidence", []):
        if text[sentence["start"]:sentence["end"]] != sentence["text"]:
            faults.append(f"{where}: evidence offsets do not give its text")
    return faults


def test_records_fit_the_schema_and_offsets_index_their_text_on_the_whole_corpus(analyzer, corpus_articles):
    raws = [(RawArticle(text=a.text, id=a.id, source=a.id, title=a.title), None) for a in corpus_articles]
    faults, quotes, mentions = [], 0, 0
    for record, _ in analyzer.analyze_stream(raws):
        record = record.to_dict()
        faults += _spans_hold(record)
        quotes += len(record["quotes"])
        mentions += sum(len(entity["mentions"]) for entity in record["entities"])
    assert quotes > 3000 and mentions > 10000
    assert not faults, f"{len(faults)} offsets do not hold:\n" + "\n".join(faults[:20])


def test_offsets_index_the_record_text_not_the_file(models_dir, tmp_path):
    """A file whose first line is its title and which carries scraped boilerplate: the offsets no longer fit
    the file, they fit the record's text."""
    article = tmp_path / "article.txt"
    article.write_text(
        "Le port de Sète accueille un nouveau quai\n\nPartager\n\n"
        "Le quai de 300 mètres a été inauguré lundi. « Nous pourrons accueillir deux ferries de plus chaque "
        "semaine », a déclaré la directrice du port, Claire Anselme.\n\n0 Commentaire\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["classify", str(article), "--json", "--models", str(models_dir)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    quote = record["quotes"][0]
    s, e = quote["parts"][0]
    assert record["text"][s:e] == quote["text"] == (
        "Nous pourrons accueillir deux ferries de plus chaque semaine")
    assert not _spans_hold(record)


def test_batch_leaves_the_text_out_on_request(models_dir, tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "a1", "text": "Le conseil a voté le budget. « Nous tiendrons nos "
                                  "promesses », a assuré la maire, Odile Perret."}) + "\n", encoding="utf-8")
    runner = CliRunner()
    for flags, has_text in (([], True), (["--no-text"], False)):
        out = tmp_path / f"out{len(flags)}.jsonl"
        result = runner.invoke(app, ["batch", str(export), "-o", str(out), "--workers", "1",
                                     "--models", str(models_dir), *flags])
        assert result.exit_code == 0, result.output
        record = json.loads(out.read_text(encoding="utf-8"))
        VALIDATOR.validate(record)
        assert ("text" in record) is has_text
        assert record["quotes"][0]["speaker"] == "Odile Perret"


def test_error_records_fit_the_schema_and_a_wrong_record_does_not():
    from veille.record import error_record

    VALIDATOR.validate(error_record("a.txt", "a.txt", "empty", "no article text"))
    assert not VALIDATOR.is_valid({"schema": "veille.article/1", "id": "a", "source": "a"})
    assert not VALIDATOR.is_valid({**error_record("a", "a", "empty", "x"), "topics": []})
