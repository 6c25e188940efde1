"""veille export: Prodigy, doccano and Label Studio tasks whose every span names what the record found."""

import json

import pytest
from typer.testing import CliRunner

import veille
from veille.apps.cli import app
from veille.record import error_record

TEXT = ("Le port de Brest accueillera en juin une escale de la course des grands voiliers. "
        "« C'est une chance pour toute la ville », a affirmé Yvonne Quéré, adjointe au maire. "
        "La préfecture maritime rappelle que la rade restera ouverte aux pêcheurs.")


def hand_record() -> dict:
    """A record written by hand, offsets found in its own text: an incise cuts the direct quote in two."""
    text = "« Nous partirons, dit Anne Roy, dès lundi. » Selon la SNCF, la ligne rouvrira à Lyon."
    first = [text.index("Nous"), text.index(",")]
    second = [text.index("dès"), text.index(". »") + 1]
    speaker = [text.index("Anne"), text.index("Anne") + len("Anne Roy")]
    indirect = [text.index("la ligne"), len(text) - 1]
    sncf, lyon = text.index("SNCF"), text.index("Lyon")
    return {
        "schema": "veille.article/1", "id": "main-ecrite", "source": "main-ecrite",
        "title": "Écrit à la main", "date": None, "language": "fr", "text": text, "text_sha256": "0" * 64,
        "topics": [], "topic_scores": {}, "stance": {}, "warnings": [], "model": {},
        "entities": [{"text": "Anne Roy", "label": "PER", "count": 1, "mentions": [speaker]},
                     {"text": "SNCF", "label": "ORG", "count": 1, "mentions": [[sncf, sncf + 4]]},
                     {"text": "Lyon", "label": "LOC", "count": 1, "mentions": [[lyon, lyon + 4]]}],
        "quotes": [{"type": "direct", "parts": [first, second], "speaker": "Anne Roy",
                    "speaker_span": speaker},
                   {"type": "indirect", "parts": [indirect], "speaker": "la SNCF",
                    "speaker_span": [sncf, sncf + 4]}],
    }


def expected_spans(record: dict) -> set[tuple[int, int, str, str]]:
    """(start, end, label, the words the record names there), from the record itself."""
    text, spans = record["text"], set()
    for entity in record["entities"]:
        spans |= {(s, e, entity["label"], text[s:e]) for s, e in entity["mentions"]}
    for quote in record["quotes"]:
        label = "QUOTE_" + quote["type"].upper()
        spans |= {(s, e, label, text[s:e]) for s, e in quote["parts"]}
        if quote["speaker_span"]:
            s, e = quote["speaker_span"]
            spans.add((s, e, "SPEAKER", text[s:e]))
    return spans


def exported_spans(fmt: str, path) -> list[tuple[str, set[tuple[int, int, str, str]]]]:
    """(text, spans) of every task in an export, each span with the words its offsets name in the task's
    text."""
    if fmt == "label-studio":
        tasks = json.loads(path.read_text(encoding="utf-8"))
    else:
        tasks = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = []
    for task in tasks:
        if fmt == "prodigy":
            text = task["text"]
            spans = {(s["start"], s["end"], s["label"], text[s["start"]:s["end"]]) for s in task["spans"]}
            assert task["meta"]["id"]
        elif fmt == "doccano":
            text = task["text"]
            spans = {(s, e, label, text[s:e]) for s, e, label in task["label"]}
        else:
            text = task["data"]["text"]
            results = task["predictions"][0]["result"]
            kinds = {(r["from_name"], r["to_name"], r["type"]) for r in results}
            assert kinds <= {("label", "text", "labels")}
            assert len({r["id"] for r in results}) == len(results)
            spans = set()
            for r in results:
                value = r["value"]
                assert value["text"] == text[value["start"]:value["end"]]
                spans |= {(value["start"], value["end"], label, value["text"]) for label in value["labels"]}
        found.append((text, spans))
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory, analyzer):
    analysed = veille.analyze(TEXT, title="Brest", id="brest", analyzer=analyzer).to_dict()
    assert analysed["quotes"] and analysed["entities"]
    without_text = {key: value for key, value in analysed.items() if key != "text"}
    failed = error_record("vide.txt", "vide.txt", "empty", "vide.txt is empty")
    path = tmp_path_factory.mktemp("export") / "results.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in (hand_record(), analysed, without_text, failed)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [hand_record(), analysed]


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "label-studio"])
def test_every_exported_span_is_what_the_record_found(fmt, results, tmp_path):
    path, exported = results
    out = tmp_path / f"tasks.{fmt}"
    result = CliRunner().invoke(app, ["export", str(path), "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 records without their text" in result.output and "1 error records" in result.output
    tasks = exported_spans(fmt, out)
    assert len(tasks) == 2
    for (text, spans), record in zip(tasks, exported, strict=True):
        assert text == record["text"]
        assert spans == expected_spans(record)
    hand = tasks[0][1]
    words = hand_record()["text"]
    assert (words.index("Nous"), words.index(","), "QUOTE_DIRECT", "Nous partirons") in hand
    assert any(label == "SPEAKER" and words == "Anne Roy" for _, _, label, words in hand)


def test_existing_output_needs_force(results, tmp_path):
    path, _ = results
    out = tmp_path / "tasks.jsonl"
    out.write_text("à garder\n", encoding="utf-8")
    runner = CliRunner()
    refused = runner.invoke(app, ["export", str(path), "--to", "doccano", "-o", str(out)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert out.read_text(encoding="utf-8") == "à garder\n"
    forced = runner.invoke(app, ["export", str(path), "--to", "doccano", "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_unreadable_lines_are_reported_by_number(tmp_path):
    source = tmp_path / "results.jsonl"
    good = json.dumps(hand_record(), ensure_ascii=False).encode("utf-8")
    source.write_bytes(good + b"\n{pas du json\n\n[1, 2]\n\xff\xfe\n" + good + b"\n")
    out = tmp_path / "tasks.jsonl"
    result = CliRunner().invoke(app, ["export", str(source), "--to", "prodigy", "-o", str(out)])
    assert result.exit_code == 1
    for number in (2, 4, 5):
        assert f"results.jsonl:{number}:" in result.output
    assert "results.jsonl:3:" not in result.output  # a blank line is no fault
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_nothing_to_export_writes_nothing(tmp_path):
    record = hand_record()
    del record["text"]
    source = tmp_path / "no-text.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "tasks.json"
    result = CliRunner().invoke(app, ["export", str(source), "--to", "label-studio", "-o", str(out)])
    assert result.exit_code == 1 and "--no-text" in result.output
    assert not out.exists()
    bad = CliRunner().invoke(app, ["export", str(source), "--to", "brat", "-o", str(out)])
    assert bad.exit_code == 2
