"""What a models folder must hold before anything is loaded from it: a manifest of SHA-256 digests that
covers every file training wrote (meta.json included: it sets thresholds and label counts), and a meta.json
whose every value has the type and range the classifiers need. A folder that fails is refused with one
line saying what is wrong (ModelError), never half-used."""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from veille.labels import MAX_TOPICS, STANCE_IDS

MANIFEST_FILE = "SHA256SUMS"  # the format of `sha256sum`: `sha256sum -c SHA256SUMS` checks it by hand
REQUIRED_FILES = ("classifier.npz", "meta.json")
HEX64 = re.compile(r"[0-9a-f]{64}")


class ModelError(RuntimeError):
    """No model, or one that cannot be trusted or used; the message says what to do."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path) -> None:
    """The digest of every file of `folder` (but the manifest, README.md and temporary files)."""
    names = sorted(path.name for path in folder.iterdir() if path.is_file() and _covered(path.name))
    lines = "".join(f"{sha256_of(folder / name)}  {name}\n" for name in names)
    temporary = folder / f"{MANIFEST_FILE}.tmp"
    temporary.write_text(lines, encoding="utf-8")
    temporary.replace(folder / MANIFEST_FILE)


def _covered(name: str) -> bool:
    return name not in (MANIFEST_FILE, "README.md") and not name.startswith(".") and not name.endswith(".tmp")


def check_manifest(folder: Path) -> None:
    """Every file the manifest names has its digest, and it names the files loading reads."""
    path = folder / MANIFEST_FILE
    retrain = "retrain with `make train` (or `veille train`)"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise ModelError(f"{folder}/ has no {MANIFEST_FILE} (the digests of its files): {retrain}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ModelError(f"{path} is unreadable ({error}): {retrain}") from None
    listed = {}
    for line in lines:
        digest, _, name = line.partition("  ")
        if not HEX64.fullmatch(digest) or not name or "/" in name:
            raise ModelError(f"{path} is not a list of SHA-256 digests: {retrain}")
        listed[name] = digest
    missing = [name for name in REQUIRED_FILES if name not in listed]
    if missing:
        raise ModelError(f"{path} does not cover {', '.join(missing)}: {retrain}")
    for name, digest in listed.items():
        if not (folder / name).is_file():
            raise ModelError(f"{folder / name} is missing (it is in {MANIFEST_FILE}): {retrain}")
        if sha256_of(folder / name) != digest:
            raise ModelError(f"{folder / name} does not match the SHA-256 recorded at training time: the "
                             f"file was changed or truncated; {retrain}")


def _number(value: object, low: float, high: float = math.inf, integer: bool = False) -> bool:
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)):
        return False
    return math.isfinite(value) and low <= value <= high


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value) \
        and len(set(value)) == len(value)


def meta_problem(meta: object) -> str | None:
    """What is wrong with a meta.json's content, or None."""
    if not isinstance(meta, dict):
        return "it is not a JSON object"
    labels, topic, stance = meta.get("topic_labels"), meta.get("topic_settings"), meta.get("stance_settings")
    checks = [
        (isinstance(meta.get("versions"), dict), "versions must be an object"),
        (isinstance(meta.get("sha256"), str) and bool(HEX64.fullmatch(meta["sha256"])),
         "sha256 must be a SHA-256 digest"),
        (_strings(labels), "topic_labels must be a list of distinct labels"),
        (_strings(meta.get("polarity_classes")) and set(meta["polarity_classes"]) <= set(STANCE_IDS),
         f"polarity_classes must be distinct stance labels ({', '.join(STANCE_IDS)})"),
        (isinstance(topic, dict), "topic_settings must be an object"),
        (isinstance(stance, dict) and all(_number(v, 0) for v in stance.values()),
         "stance_settings must hold numbers >= 0"),
    ]
    if isinstance(topic, dict):
        thresholds = topic.get("thresholds")
        checks += [
            (_number(topic.get("max_labels"), 1, MAX_TOPICS, integer=True),
             f"topic_settings.max_labels must be an integer from 1 to {MAX_TOPICS}"),
            (isinstance(thresholds, list) and all(_number(t, 0, 1) for t in thresholds),
             "topic_settings.thresholds must be numbers from 0 to 1"),
            (isinstance(thresholds, list) and isinstance(labels, list) and len(thresholds) == len(labels),
             "topic_settings.thresholds must hold one threshold per topic label"),
            (all(_number(topic.get(key), 0) for key in ("C", "vector_weight", "secondary_ratio")),
             "topic_settings.C, vector_weight and secondary_ratio must be numbers >= 0"),
            (all(_number(topic.get(key), 0, integer=True) for key in ("title_weight", "min_df")),
             "topic_settings.title_weight and min_df must be integers >= 0"),
        ]
    return next((message for passed, message in checks if not passed), None)


def arrays_problem(meta: dict, shapes: dict[str, tuple[int, ...]]) -> str | None:
    """What does not fit between meta.json's label counts and the arrays, or None."""
    classes = len(meta["polarity_classes"])
    checks = [
        (shapes.get("topic_coef", (0,))[0] == len(meta["topic_labels"]),
         "the topic arrays do not have one row per topic label"),
        (shapes.get("topic_intercept") == (len(meta["topic_labels"]),),
         "the topic intercepts do not match the topic labels"),
        (shapes.get("polarity_coef", (0,))[0] in ({classes} | ({1} if classes == 2 else set())),
         "the polarity arrays do not match polarity_classes"),
    ]
    return next((message for passed, message in checks if not passed), None)
