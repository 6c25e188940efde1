"""The real-press gold sets: Le Monde 2022 articles of a pool kept outside the repository, and our labels in
realpress/ (ids, offsets and labels only: realpress/README.md documents every file).

The pool (one JSON object per line: id, title, lead, body, …; 28k articles) is streamed once and only the
labelled ids are kept. veille sees a pool article as its `body`, the title apart; the lead is not part of
it. Quote labels are offsets into `body`, and each quote-labelled article carries its body's SHA-256: a pool
whose body differs is refused, since every offset would point elsewhere.

Where the pool is: the path given (`--real`), else `$VEILLE_REALPRESS`, else `realpress/pool.jsonl` of the
checkout veille runs from. The labels are read beside the pool when it sits among them, else from the
checkout's realpress/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from veille.analyzer import Analyzer
from veille.classify.locate import checkout_models
from veille.corpus import Article
from veille.evaluation.models import (
    dummy_stance,
    dummy_topics,
    keyword_stance,
    keyword_topics,
    stance_report,
    topic_report,
)
from veille.evaluation.quotes import score_quote_sets
from veille.features import ArticleFeatures
from veille.labels import MAX_TOPICS, STANCE_IDS
from veille.nlp.quotes import QUOTE_TYPES, Quote

ENV_VARIABLE = "VEILLE_REALPRESS"
LABELS_FOLDER = "realpress"
POOL_NAME = "pool.jsonl"
TOPIC_FILE = "topics.jsonl"
STANCE_SELECTION = "stance_selection.json"
QUOTE_SELECTION = "quotes/selection.json"
SPLITS = ("dev", "test")
SPEAKER_KINDS = ("person", "organisation", "role", "group")
# Every pool line starts with its id: the other 28k lines are skipped without being decoded.
ID_RE = re.compile(r'^\{\s*"id"\s*:\s*"([^"]*)"')


class RealPressError(ValueError):
    """A pool or label file that cannot be used; the message is meant for the user."""


@dataclass(frozen=True)
class PoolLocation:
    path: Path | None  # None: no pool found
    reason: str  # why this pool, or where it was looked for
    labels: Path

    @property
    def found(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        if self.path is None:
            return f"real press: pool not found ({self.reason})"
        return f"real press: pool {self.path} ({self.reason}), labels {self.labels}/"


@dataclass
class RealPress:
    """The gold sets, split dev/test; articles are the pool's bodies with our labels."""

    location: PoolLocation
    topics: dict[str, list[Article]] = field(default_factory=dict)
    stance: dict[str, list[Article]] = field(default_factory=dict)  # first labels
    quotes: dict[str, list[Article]] = field(default_factory=dict)  # first annotation
    second_stance: dict[str, str] = field(default_factory=dict)  # id -> second label
    second_quotes: dict[str, list[Quote]] = field(default_factory=dict)  # id -> second annotation


# ---- where ---------------------------------------------------------------------------------------------


def checkout_labels() -> Path | None:
    """realpress/ of the source checkout veille runs from, if it runs from one."""
    models = checkout_models()
    return models.parent / LABELS_FOLDER if models is not None else None


def labels_for(pool: Path) -> Path:
    """The label files beside the pool when it sits among them, else the checkout's realpress/."""
    if (pool.parent / TOPIC_FILE).is_file():
        return pool.parent
    return checkout_labels() or Path(LABELS_FOLDER)


def find_pool(given: Path | str | None = None) -> PoolLocation:
    """The pool to use; a pool that is given but absent is an error, one not found otherwise is not."""
    if given is not None and str(given):
        path = Path(given)
        if not path.is_file():
            raise RealPressError(f"no real-press pool at {path}")
        return PoolLocation(path, "given with --real", labels_for(path))
    looked = []
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        path = Path(configured)
        if path.is_file():
            return PoolLocation(path, f"from ${ENV_VARIABLE}", labels_for(path))
        looked.append(f"${ENV_VARIABLE}={configured} does not exist")
    else:
        looked.append(f"${ENV_VARIABLE} unset")
    checkout = checkout_labels()
    if checkout is not None:
        path = checkout / POOL_NAME
        if path.is_file():
            return PoolLocation(path, "the checkout's realpress/pool.jsonl", checkout)
        looked.append(f"no {path}")
    else:
        looked.append("not run from a checkout")
    return PoolLocation(None, "; ".join(looked), checkout or Path(LABELS_FOLDER))


# ---- reading ---------------------------------------------------------------------------------------------


def _json_lines(path: Path) -> list[dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except OSError as error:
        raise RealPressError(f"cannot read {path}: {error.strerror or error}") from None
    except json.JSONDecodeError as error:
        raise RealPressError(f"{path}: not JSON Lines ({error})") from None


def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RealPressError(f"cannot read {path}: {error.strerror or error}") from None
    except json.JSONDecodeError as error:
        raise RealPressError(f"{path}: not JSON ({error})") from None


def read_pool(path: Path, ids: set[str]) -> dict[str, list[dict]]:
    """The pool records of `ids` (id, title, body), streamed; every id must be there."""
    found: dict[str, list[dict]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                match = ID_RE.match(line)
                if (match and match.group(1) not in ids) or not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    raise RealPressError(f"{path}:{number}: not a JSON line") from None
                if isinstance(record, dict) and record.get("id") in ids:
                    if not isinstance(record.get("body"), str):
                        raise RealPressError(f"{path}:{number}: article {record['id']} has no body")
                    found.setdefault(record["id"], []).append(
                        {"id": record["id"], "title": record.get("title") or None, "body": record["body"]})
    except OSError as error:
        raise RealPressError(f"cannot read the pool {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise RealPressError(f"{path}: not UTF-8 text") from None
    missing = ids - found.keys()
    if missing:
        raise RealPressError(f"{path}: {len(missing)} labelled article(s) not in the pool (e.g. id "
                             f"{min(missing)}); build it with the project's pool builder "
                             "(realpress/README.md)")
    return found


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _one_record(pool: dict[str, list[dict]], article_id: str, sha: str | None = None) -> dict:
    records = pool[article_id]
    if sha is not None:
        matching = [record for record in records if body_sha256(record["body"]) == sha]
        if not matching:
            raise RealPressError(f"article {article_id}: the pool's body is not the one the quotes were "
                                 f"labelled on (SHA-256 {body_sha256(records[0]['body'])[:12]}…, labels "
                                 f"{sha[:12]}…); rebuild the pool with the project's builder, unchanged")
        return matching[0]
    if len({record["body"] for record in records}) > 1:
        raise RealPressError(f"article {article_id} occurs {len(records)} times in the pool with different "
                             "bodies; the labelled sets leave such ids out: is this the project's pool?")
    return records[0]


def _split_of(entry: dict, where: str) -> str:
    if entry.get("split") not in SPLITS:
        raise RealPressError(f"{where}: article {entry.get('id')}: split must be dev or test")
    return entry["split"]


def _press_quote(quote: dict, body: str, where: str) -> Quote:
    """A real-press gold quote: offsets into the body, and what speaks as the annotator classed it."""
    parts = [tuple(part) for part in quote.get("parts") or []]
    if quote.get("type") not in QUOTE_TYPES or not parts or any(
            len(part) != 2 or not 0 <= part[0] < part[1] <= len(body) for part in parts):
        raise RealPressError(f"{where}: a quote with an unknown type or parts outside the body")
    cue = quote.get("cue")
    return Quote(type=quote["type"], parts=tuple(parts), speaker=quote.get("speaker"),
                 cue=body[cue[0]:cue[1]] if cue else None, pattern=quote.get("pattern"),
                 speaker_kind=quote.get("speaker_kind"))


def _quote_labels(folder: Path, batches: set[str], suffix: str) -> dict[str, dict]:
    labels = {}
    for batch in sorted(batches):
        path = folder / "quotes" / f"{batch}{suffix}.jsonl"
        if suffix and not path.exists():
            continue
        for record in _json_lines(path):
            labels[record["id"]] = record
    return labels


def _stance_labels(folder: Path, batches: set[str], suffix: str) -> dict[str, str]:
    labels = {}
    for batch in sorted(batches):
        path = folder / "stance" / f"{batch}{suffix}.jsonl"
        if suffix and not path.exists():
            continue
        for record in _json_lines(path):
            if record.get("stance") not in STANCE_IDS:
                raise RealPressError(f"{path}: article {record.get('id')}: unknown stance "
                                     f"{record.get('stance')!r}")
            labels[record["id"]] = record["stance"]
    return labels


def stance_label_pairs(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The first and the blind second stance labels (id -> label); no pool needed."""
    batches = {entry["batch"] for entry in _json(folder / STANCE_SELECTION)["articles"]}
    return _stance_labels(folder, batches, ""), _stance_labels(folder, batches, "-second")


def _topic_sets(pool: dict, rows: list[dict]) -> dict[str, list[Article]]:
    sets: dict[str, list[Article]] = {name: [] for name in SPLITS}
    for row in rows:
        record = _one_record(pool, row["id"])
        sets[_split_of(row, TOPIC_FILE)].append(Article(
            id=row["id"], text=record["body"], topics=list(row["topics"]), stance="",
            title=record["title"], collection="real_press"))
    return sets


def _stance_sets(pool: dict, selection: list[dict], labels: dict[str, str]) -> dict[str, list[Article]]:
    sets: dict[str, list[Article]] = {name: [] for name in SPLITS}
    for entry in selection:
        if entry["id"] in labels:
            record = _one_record(pool, entry["id"])
            sets[_split_of(entry, STANCE_SELECTION)].append(Article(
                id=entry["id"], text=record["body"], topics=[], stance=labels[entry["id"]],
                title=record["title"], collection="real_press"))
    return sets


def load_real_press(location: PoolLocation, parts: tuple[str, ...] = ("topics", "stance", "quotes"),
                    second: bool = False) -> RealPress:
    """The gold sets named in `parts` (topics, stance, quotes), and the second labels when asked; the pool
    is read once, for the labelled ids only."""
    if location.path is None:
        raise RealPressError(location.describe())
    folder = location.labels
    topic_rows = _json_lines(folder / TOPIC_FILE) if "topics" in parts else []
    stance_selection = _json(folder / STANCE_SELECTION)["articles"] if "stance" in parts else []
    stance_batches = {entry["batch"] for entry in stance_selection}
    stance_first = _stance_labels(folder, stance_batches, "")
    quote_selection = _json(folder / QUOTE_SELECTION)["articles"] if "quotes" in parts else []
    quote_batches = {entry["batch"] for entry in quote_selection}
    quote_first = _quote_labels(folder, quote_batches, "")
    needed = {row["id"] for row in topic_rows} | set(stance_first) | set(quote_first)
    pool = read_pool(location.path, needed)

    sets = RealPress(location)
    if "topics" in parts:
        sets.topics = _topic_sets(pool, topic_rows)
    if "stance" in parts:
        sets.stance = _stance_sets(pool, stance_selection, stance_first)
        if second:
            sets.second_stance = _stance_labels(folder, stance_batches, "-second")
    if "quotes" in parts:
        sets.quotes = {name: [] for name in SPLITS}
        seconds = _quote_labels(folder, quote_batches, ".second") if second else {}
        for entry in quote_selection:
            labels = quote_first.get(entry["id"])
            if labels is None:
                continue
            record = _one_record(pool, entry["id"], labels.get("body_sha256") or "")
            body, where = record["body"], f"{QUOTE_SELECTION}: article {entry['id']}"
            sets.quotes[_split_of(entry, QUOTE_SELECTION)].append(Article(
                id=entry["id"], text=body, topics=[], stance="", title=record["title"],
                collection="real_press", quotes=[_press_quote(q, body, where) for q in labels["quotes"]]))
            if entry["id"] in seconds:
                if seconds[entry["id"]].get("body_sha256") != labels.get("body_sha256"):
                    raise RealPressError(f"{where}: the second annotation was made on another body")
                sets.second_quotes[entry["id"]] = [_press_quote(q, body, where + " (second)")
                                                   for q in seconds[entry["id"]]["quotes"]]
    return sets


# ---- figures -------------------------------------------------------------------------------------------


def present_topics(sets: dict[str, list[Article]], labels: list[str]) -> list[str]:
    """The model's labels that the real-press sets use (13 of 14: education never occurs in them)."""
    used = {topic for articles in sets.values() for article in articles for topic in article.topics}
    unknown = sorted(used - set(labels))
    if unknown:
        raise RealPressError(f"{TOPIC_FILE}: topics outside the model's taxonomy: {', '.join(unknown)}")
    return [label for label in labels if label in used]


def topic_figures(articles: list[Article], items: list[ArticleFeatures], predicted: np.ndarray,
                  labels: list[str], present: list[str], train_targets: np.ndarray) -> dict:
    """The model, the keyword rule and the stratified dummy on one real-press topic set, scored on the
    labels present; gold sets of 4-5 topics are scored as they are (the model gives at most 3)."""
    truth = np.zeros((len(articles), len(labels)), dtype=int)
    for row, article in enumerate(articles):
        for topic in article.topics:
            truth[row, labels.index(topic)] = 1
    columns = [labels.index(label) for label in present]
    systems = {"model": predicted, "keywords": keyword_topics(items, labels),
               "dummy": dummy_topics(train_targets, len(articles))}
    counts = [len(article.topics) for article in articles]
    return {
        "articles": len(articles),
        "absent_labels": [label for label in labels if label not in present],
        "predicted_on_absent_labels": {label: int(predicted[:, labels.index(label)].sum())
                                       for label in labels if label not in present},
        "more_than_3_gold": sum(count > MAX_TOPICS for count in counts),
        "recall_ceiling": round(sum(min(count, MAX_TOPICS) for count in counts) / max(sum(counts), 1), 4),
        **{name: {"topics": topic_report(truth[:, columns], values[:, columns], present)}
           for name, values in systems.items()},
    }


def stance_figures(articles: list[Article], items: list[ArticleFeatures], predicted: list[str],
                   train_stances: list[str]) -> dict:
    """The model, the keyword rule and the stratified dummy on the hand-labelled stance articles."""
    gold = [article.stance for article in articles]
    return {"articles": len(articles),
            "model": {"stance": stance_report(gold, predicted)},
            "keywords": {"stance": stance_report(gold, keyword_stance(items))},
            "dummy": {"stance": stance_report(gold, dummy_stance(train_stances, len(articles)))}}


QUOTE_SET_NAMES = {"dev": "real press dev", "test": "real press TEST"}


def evaluate_real_quotes(analyzer: Analyzer, real: RealPress) -> dict:
    """The quote extractor and the plain baseline on the dev and the test part, scored apart; the test
    part's error list is dropped (it is for measuring, not for looking at)."""
    report = score_quote_sets(analyzer, {QUOTE_SET_NAMES[name]: real.quotes.get(name, []) for name in SPLITS})
    if QUOTE_SET_NAMES["test"] in report:
        report[QUOTE_SET_NAMES["test"]]["errors"] = []
    return report
