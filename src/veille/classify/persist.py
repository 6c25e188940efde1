"""Saving and loading the trained classifiers without ever running code from a file.

The estimators are pickled; loading checks, in this order, that the versions they were trained with are the
running ones, that the file's SHA-256 is the one meta.json recorded at training time, and then unpickles with
an unpickler that refuses every class not on the reviewed list below, so a forged file cannot make it import
or call anything else.

skops was the first choice and was measured: with three TF-IDF vocabularies it wrote a 51 MB file in 100 s
and took 7.8 s to load, against 5 MB, 0.13 s and 0.02 s here; the load alone would have been most of
`veille classify`'s run time.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import sklearn

from veille.classify.model import StanceClassifier, TopicClassifier

MODEL_FILE = "classifier.pkl"
META_FILE = "meta.json"
FORMAT = "veille.models/1"

# Every global the pickled estimators refer to, reviewed: scikit-learn's estimators and numpy's containers.
TRUSTED_GLOBALS = frozenset({
    ("numpy", "dtype"),
    ("numpy", "float64"),
    ("numpy", "int64"),
    ("numpy", "ndarray"),
    ("numpy._core.multiarray", "scalar"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.numeric", "_frombuffer"),
    ("scipy.sparse._csr", "csr_matrix"),
    ("sklearn.feature_extraction.text", "TfidfTransformer"),
    ("sklearn.feature_extraction.text", "TfidfVectorizer"),
    ("sklearn.linear_model._logistic", "LogisticRegression"),
    ("sklearn.multiclass", "OneVsRestClassifier"),
    ("sklearn.preprocessing._label", "LabelBinarizer"),
})


class _ReviewedUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in TRUSTED_GLOBALS:
            raise pickle.UnpicklingError(f"{module}.{name} is not on the reviewed list")
        return super().find_class(module, name)


class ModelError(RuntimeError):
    """No model, or one that cannot be trusted or used; the message says what to do."""


@dataclass
class TrainedModels:
    topics: TopicClassifier
    stance: StanceClassifier
    meta: dict

    @property
    def digest(self) -> str:
        return self.meta["sha256"]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_models(folder: Path, topics: TopicClassifier, stance: StanceClassifier, meta: dict) -> dict:
    """Write the estimators and meta.json; return the meta as written."""
    from veille.classify.model import settings_dict

    folder.mkdir(parents=True, exist_ok=True)
    estimators = {**topics.estimators(), **stance.estimators()}
    model_path = folder / MODEL_FILE
    temporary = model_path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(estimators, protocol=5))
    temporary.replace(model_path)
    meta = {
        "format": FORMAT,
        **meta,
        "sha256": sha256_of(model_path),
        "topic_labels": topics.labels,
        "topic_settings": settings_dict(topics.settings),
        "stance_settings": settings_dict(stance.settings),
    }
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    return meta


def load_models(folder: Path, spacy_model: str) -> TrainedModels:
    meta_path, model_path = folder / META_FILE, folder / MODEL_FILE
    if not meta_path.exists() or not model_path.exists():
        raise ModelError(f"no trained model in {folder}/: run `make train` (or `veille train`) first")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ModelError(f"{meta_path} is unreadable ({error}): retrain with `make train`") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{meta_path} is not a veille model description: retrain with `make train`")
    trained = meta.get("versions", {})
    for name, running in (("scikit-learn", sklearn.__version__), ("spacy_model", spacy_model)):
        if trained.get(name) != running:
            raise ModelError(f"the model in {folder}/ was trained with {name} {trained.get(name)}, "
                             f"this installation has {running}: retrain with `make train`")
    if sha256_of(model_path) != meta.get("sha256"):
        raise ModelError(f"{model_path} does not match the SHA-256 recorded at training time: the file "
                         "was changed or truncated; retrain with `make train`")
    try:
        estimators = _ReviewedUnpickler(io.BytesIO(model_path.read_bytes())).load()
    except Exception as error:  # a forged or corrupt file can fail in many ways; none may pass
        raise ModelError(f"{model_path} cannot be loaded ({error}): retrain with `make train`") from None
    if not isinstance(estimators, dict):
        raise ModelError(f"{model_path} is not a veille model: retrain with `make train`")
    topics = TopicClassifier.from_parts(meta["topic_labels"], meta["topic_settings"], estimators)
    stance = StanceClassifier.from_parts(meta["stance_settings"], estimators)
    return TrainedModels(topics=topics, stance=stance, meta=meta)
