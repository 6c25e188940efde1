import json

import pytest
from typer.testing import CliRunner

from veille.apps.cli import app

ARTICLE = ("Lausanne, 4 mars. Le Grand Conseil vaudois a adopté mardi une loi qui interdit les téléphones "
           "portables dans les écoles primaires du canton. « Les élèves retrouvent enfin la récréation », "
           "a déclaré la conseillère d'État Nadia Rochat. Selon les syndicats d'enseignants, la mesure "
           "arrive tard. Sur TikTok et Instagram, plusieurs parents ont pourtant dénoncé une loi jugée "
           "excessive par les familles.")


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_classify_prints_the_contract_as_json(runner, article_file, models_dir):
    result = runner.invoke(app, ["classify", str(article_file), "--json", "--models", str(models_dir)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "veille.article/1"
    assert record["id"] == str(article_file)
    assert record["language"] == "fr"
    assert 1 <= len(record["topics"]) <= 3
    assert set(record["topic_scores"]) >= {topic["label"] for topic in record["topics"]}
    assert record["stance"]["label"] in record["stance"]["scores"]
    names = {entity["text"] for entity in record["entities"]}
    assert {"Nadia Rochat", "TikTok", "Instagram"} <= names
    quote = next(q for q in record["quotes"] if q["type"] == "direct")
    assert quote["speaker"] == "Nadia Rochat"
    for entity in record["entities"]:
        for start, end in entity["mentions"]:
            assert ARTICLE[start:end] in (entity["text"], *entity["text"].split())


def test_classify_reads_stdin(runner, models_dir):
    result = runner.invoke(app, ["classify", "-", "--models", str(models_dir)], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_classify_shortcut_is_veille_classify(monkeypatch, capsys, article_file, models_dir):
    from importlib.metadata import entry_points

    from veille.apps.cli import classify_main

    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts["classify"] == "veille.apps.cli:classify_main"
    monkeypatch.setattr("sys.argv", ["classify", str(article_file), "--json", "--models",
                                     str(models_dir)])
    with pytest.raises(SystemExit) as exit_info:
        classify_main()
    assert exit_info.value.code == 0
    assert json.loads(capsys.readouterr().out)["id"] == str(article_file)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"), (b"\x00\x01\x02\x03binary\x00", "binary"), (b"   \n  ", "white space")])
def test_bad_files_give_one_line_and_exit_1(runner, tmp_path, models_dir, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["classify", str(path), "--models", str(models_dir)])
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_and_folder_exit_1(runner, tmp_path, models_dir):
    for path in (tmp_path / "absent.txt", tmp_path):
        result = runner.invoke(app, ["classify", str(path), "--models", str(models_dir)])
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("error:")


def test_without_a_model_classify_says_how_to_train(runner, article_file, tmp_path):
    result = runner.invoke(app, ["classify", str(article_file), "--models", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "make train" in result.stderr


def test_usage_errors_exit_2(runner):
    assert runner.invoke(app, ["classify"]).exit_code == 2
    assert runner.invoke(app, ["classify", "a.txt", "--nonsense"]).exit_code == 2
    assert runner.invoke(app, ["evaluate", "everything"]).exit_code == 2


def test_non_french_article_is_flagged(runner, tmp_path, models_dir):
    path = tmp_path / "en.txt"
    path.write_text("The city council voted on Tuesday to close the old bridge for repairs until the "
                    "end of the summer, the mayor said in a statement.", encoding="utf-8")
    record = json.loads(runner.invoke(app, ["classify", str(path), "--json", "--models",
                                            str(models_dir)]).stdout)
    assert record["language"] == "en"
    assert any("not French" in warning for warning in record["warnings"])


def test_terminal_view_shows_topics_stance_and_quotes(models_dir, article_file):
    from rich.console import Console

    from veille.analyzer import Analyzer
    from veille.apps.render import render_record
    from veille.input.decode import read_article

    record = Analyzer.load(models_dir).analyze(read_article(str(article_file))).to_dict()
    console = Console(record=True, width=120)
    render_record(console, record)
    screen = console.export_text()
    assert "Thèmes" in screen and "Réseaux sociaux" in screen
    assert "Nadia Rochat" in screen and "récréation" in screen


def test_corpus_check_exits_1_on_faults(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["corpus", "check", str(bad)])
    assert result.exit_code == 1
    assert "missing field" in result.stderr
