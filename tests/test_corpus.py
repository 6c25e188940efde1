import json

import pytest

from veille.corpus import (
    Article,
    CorpusError,
    check_corpus,
    load_training_corpus,
    split_articles,
)

TEXT = ("Le conseil communal de Namur a voté lundi soir le budget de la ville. « Nous avons tenu nos "
        "promesses, a lancé la bourgmestre, Claire Noël, sans augmenter les taxes. » Selon l'opposition, "
        "le déficit sera pourtant de trois millions d'euros à la fin de l'année.")


def record(**changes):
    base = {"id": "t-1", "collection": "main", "title": "Budget", "text": TEXT, "date": "2026-01-12",
            "outlet": "Le Courrier mosan", "genre": "breve", "region": "belgique",
            "topics": ["politique", "economie"], "stance": "sans_objet",
            "quotes": [{"type": "direct", "parts": ["Nous avons tenu nos promesses",
                                                    "sans augmenter les taxes."],
                        "speaker": "Claire Noël", "cue": "a lancé", "pattern": "incise_inside"},
                       {"type": "indirect",
                        "parts": ["le déficit sera pourtant de trois millions d'euros à la fin de l'année"],
                        "speaker": "l'opposition", "cue": "Selon", "pattern": "selon"}],
            "entities": [{"text": "Namur", "label": "LOC"}, {"text": "Claire Noël", "label": "PER"}]}
    base.update(changes)
    return base


def write(tmp_path, *records):
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_valid_record_passes_and_its_quotes_get_offsets(tmp_path):
    report = check_corpus(write(tmp_path, record()))
    assert report.ok, report.faults
    quote = report.articles[0].quotes[0]
    assert [TEXT[s:e] for s, e in quote.parts] == ["Nous avons tenu nos promesses",
                                                    "sans augmenter les taxes."]


def test_a_quote_keeps_the_kind_of_its_speaker(tmp_path):
    quotes = record()["quotes"]
    quotes[1]["speaker_kind"] = "group"
    report = check_corpus(write(tmp_path, record(quotes=quotes)))
    assert report.ok, report.faults
    assert [quote.speaker_kind for quote in report.articles[0].quotes] == [None, "group"]


@pytest.mark.parametrize("changes, fault", [
    ({"topics": ["politique", "astrologie"]}, "unknown topic 'astrologie'"),
    ({"topics": []}, "topics must list 1 to 3"),
    ({"stance": "positif"}, "unknown stance"),
    ({"quotes": [{"type": "direct", "parts": ["Nous avons tout réussi"], "speaker": None, "cue": None,
                  "pattern": "incise_after"}]}, "part not found verbatim"),
    ({"entities": [{"text": "Liège", "label": "LOC"}]}, "entity text not found"),
    ({"genre": "roman"}, "unknown genre"),
    ({"quotes": [{"type": "indirect", "parts": ["le déficit sera pourtant de trois millions d'euros"],
                  "speaker": "l'opposition", "speaker_kind": "parti", "cue": "Selon", "pattern": "selon"}]},
     "unknown speaker_kind 'parti'"),
    ({"quotes": [{"type": "indirect", "parts": ["le déficit sera pourtant de trois millions d'euros"],
                  "speaker": None, "speaker_kind": "group", "cue": "Selon", "pattern": "selon"}]},
     "speaker_kind must be null exactly when speaker is null"),
])
def test_faults_are_reported(tmp_path, changes, fault):
    report = check_corpus(write(tmp_path, record(**changes)))
    assert not report.ok
    assert any(fault in f.message for f in report.faults), report.faults


def test_duplicate_ids_and_near_duplicate_texts_are_faults(tmp_path):
    twin = record(id="t-2", text=TEXT.replace("lundi soir", "mardi soir"))
    report = check_corpus(write(tmp_path, record(), record(), twin))
    messages = " ".join(f.message for f in report.faults)
    assert "duplicate id 't-1'" in messages
    assert "near-duplicate of t-1" in messages


def test_bad_json_line_is_a_fault_not_a_crash(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(record()) + "\n{not json\n", encoding="utf-8")
    report = check_corpus(path)
    assert [f.message for f in report.faults][0].startswith("not valid JSON")


def test_split_is_stable_and_keeps_near_duplicates_together():
    articles = [Article(id=f"a{i}", text=f"texte numéro {i} " + "mot " * i, topics=["sport"],
                        stance="sans_objet") for i in range(200)]
    first = split_articles(articles)
    second = split_articles(list(reversed(articles)))
    assert {a.id for a in first["test"]} == {a.id for a in second["test"]}
    assert 20 <= len(first["test"]) <= 60
    twins = [Article(id=f"x{i}", text="le même long texte répété ici " * 10, topics=["sport"],
                     stance="neutre") for i in range(6)]
    sides = split_articles(twins)
    assert len(sides["train"]) in (0, 6)


def test_bundled_corpus_is_valid(corpus_articles):
    assert len(corpus_articles) >= 100


def test_user_corpus_in_csv_and_jsonl(tmp_path):
    rows = ["id,text,topics,stance"] + [
        f'u{i},"{TEXT} Article {i}.","economie;politique",neutre' for i in range(12)]
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles = load_training_corpus(csv_path)
    assert len(articles) == 12 and articles[0].topics == ["economie", "politique"]
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text("".join(json.dumps({"text": TEXT, "topics": ["finance"], "stance": "neutre"}) + "\n"
                             for _ in range(12)), encoding="utf-8")
    assert load_training_corpus(jsonl)[0].topics == ["finance"]
    jsonl.write_text(json.dumps({"text": TEXT, "stance": "neutre"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no topic labels"):
        load_training_corpus(jsonl)
