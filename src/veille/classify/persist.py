"""Saving and loading the trained classifiers without ever running code from a file.

The estimators go to a skops file, loaded only when every type in it is on the reviewed list below and its
SHA-256 matches the one meta.json recorded at training time; the versions it was trained with must match
the running ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import sklearn

from veille.classify.model import StanceClassifier, TopicClassifier

MODEL_FILE = "classifier.skops"
META_FILE = "meta.json"
FORMAT = "veille.models/1"

# Every type the estimators hold, reviewed: scikit-learn's own estimators and numpy/scipy containers.
TRUSTED_TYPES = [
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.preprocessing._label.LabelBinarizer",
]


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


def runtime_versions(spacy_model: str) -> dict:
    import numpy
    import skops

    from veille import __version__

    return {"veille": __version__, "scikit-learn": sklearn.__version__, "skops": skops.__version__,
            "numpy": numpy.__version__, "spacy_model": spacy_model}


def save_models(folder: Path, topics: TopicClassifier, stance: StanceClassifier, meta: dict) -> dict:
    """Write the estimators and meta.json; return the meta as written."""
    import skops.io as sio

    from veille.classify.model import settings_dict

    folder.mkdir(parents=True, exist_ok=True)
    estimators = {**topics.estimators(), **stance.estimators()}
    model_path = folder / MODEL_FILE
    temporary = model_path.with_suffix(".tmp")
    sio.dump(estimators, temporary)
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
    import skops.io as sio

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
        untrusted = sio.get_untrusted_types(file=model_path)
    except Exception as error:  # skops raises many kinds on a corrupt archive
        raise ModelError(f"{model_path} is not a readable skops file ({error})") from None
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise ModelError(f"{model_path} holds types that are not on the reviewed list "
                         f"({', '.join(unexpected)}): refusing to load it")
    try:
        estimators = sio.load(model_path, trusted=[t for t in untrusted if t in TRUSTED_TYPES])
    except Exception as error:
        raise ModelError(f"{model_path} cannot be loaded ({error}): retrain with `make train`") from None
    topics = TopicClassifier.from_parts(meta["topic_labels"], meta["topic_settings"], estimators)
    stance = StanceClassifier.from_parts(meta["stance_settings"], estimators)
    return TrainedModels(topics=topics, stance=stance, meta=meta)
