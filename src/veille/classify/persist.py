"""Saving and loading the trained classifiers: plain arrays and JSON, nothing that can run code.

The fitted models are their numbers (classify.linear): one uncompressed .npz read with allow_pickle=False,
and meta.json for labels and settings. Loading checks the folder's manifest (SHA256SUMS: the digest of every
file training wrote, meta.json included) and every value of meta.json (classify/checks.py), that the spaCy
model is the one the features were trained with and that the file's SHA-256 is the one meta.json recorded,
so a changed or truncated file is
refused with a clear message rather than giving silently different answers.

Measured before settling on this: skops wrote a 51 MB file in 100 s and took 7.8 s to load; a pickle behind
an allow-list unpickler loaded in 0.02 s but needed scikit-learn imported (0.8 s) just to classify.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from veille.classify.checks import (
    ModelError,
    arrays_problem,
    check_manifest,
    meta_problem,
    sha256_of,
    write_manifest,
)
from veille.classify.model import StanceClassifier, TopicClassifier

__all__ = ["ModelError", "TrainedModels", "load_models", "save_models", "sha256_of", "write_manifest",
           "MODEL_FILE", "META_FILE"]

MODEL_FILE = "classifier.npz"
META_FILE = "meta.json"
FORMAT = "veille.models/2"


@dataclass
class TrainedModels:
    topics: TopicClassifier
    stance: StanceClassifier
    meta: dict

    @property
    def digest(self) -> str:
        return self.meta["sha256"]


def save_models(folder: Path, topics: TopicClassifier, stance: StanceClassifier, meta: dict) -> dict:
    """Write the arrays and meta.json; return the meta as written."""
    from veille.classify.model import settings_dict

    folder.mkdir(parents=True, exist_ok=True)
    model_path = folder / MODEL_FILE
    temporary = folder / f"{MODEL_FILE}.tmp"
    with temporary.open("wb") as handle:
        np.savez(handle, **topics.arrays(), **stance.arrays())
    temporary.replace(model_path)
    meta = {
        "format": FORMAT,
        **meta,
        "sha256": sha256_of(model_path),
        "topic_labels": topics.labels,
        "topic_settings": settings_dict(topics.settings),
        "stance_settings": settings_dict(stance.settings),
        "polarity_classes": stance.polarity_classes_,
    }
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                    encoding="utf-8")
    write_manifest(folder)  # written again once the model card is (training.py)
    return meta


def load_models(folder: Path, spacy_model: str) -> TrainedModels:
    meta_path, model_path = folder / META_FILE, folder / MODEL_FILE
    if not meta_path.exists() or not model_path.exists():
        raise ModelError(f"no trained model in {folder}/: train one with `veille train` (`make train` in a "
                         "checkout), or name a models folder with --models or $VEILLE_MODELS")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise ModelError(f"{meta_path} is unreadable ({error}): retrain with `make train`") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{meta_path} is not a veille model description of this version: "
                         "retrain with `make train`")
    check_manifest(folder)
    problem = meta_problem(meta)
    if problem:
        raise ModelError(f"{meta_path} is not valid ({problem}): retrain with `make train`")
    # The features (lemmas, word vectors) come from the spaCy model; the arrays do not depend on the
    # scikit-learn that fitted them.
    trained_with = meta.get("versions", {}).get("spacy_model")
    if trained_with != spacy_model:
        raise ModelError(f"the model in {folder}/ was trained with the spaCy model {trained_with}, this "
                         f"installation has {spacy_model}: retrain with `make train`")
    if sha256_of(model_path) != meta.get("sha256"):
        raise ModelError(f"{model_path} does not match the SHA-256 recorded at training time: the file "
                         "was changed or truncated; retrain with `make train`")
    try:
        with np.load(model_path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        problem = arrays_problem(meta, {name: array.shape for name, array in arrays.items()})
        if problem:
            raise ValueError(problem)
        topics = TopicClassifier.from_arrays(meta["topic_labels"], meta["topic_settings"], arrays)
        stance = StanceClassifier.from_arrays(meta["stance_settings"], meta["polarity_classes"], arrays)
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise ModelError(f"{model_path} cannot be loaded ({error}): retrain with `make train`") from None
    return TrainedModels(topics=topics, stance=stance, meta=meta)
