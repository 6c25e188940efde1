"""The labelled corpus: loading, validation, quote offsets and the fixed held-out split.

The format is documented in corpus/README.md. Each line of a `*.jsonl` file under corpus/ is one article.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from veille.io import parse_json_lines
from veille.labels import ENTITY_LABELS, MAX_TOPICS, QUOTE_TYPES, STANCE_IDS, TOPIC_IDS

GENRES = (
    "depeche", "breve", "reportage", "entretien", "tribune", "analyse", "portrait", "communique",
    "page_web",
)
REGIONS = ("france", "belgique", "suisse", "quebec", "afrique")
COLLECTIONS = ("main", "challenge")
QUOTE_PATTERNS = (
    "incise_after", "incise_inside", "colon", "colon_next_paragraph", "indirect_que", "selon",
    "mixed", "dash", "continuation", "multi_paragraph", "unclosed",
)
TRAP_KINDS = (
    "title", "named_plan", "scare_quote", "negated_cue", "modal_cue", "declined_comment",
    "interviewed_by", "passing_platform_mention",
)
REQUIRED_FIELDS = ("id", "title", "text", "date", "genre", "region", "topics", "stance", "quotes",
                   "entities")

# Share of the main collection held out for evaluation, by a stable hash of the id.
TEST_FRACTION = 0.2
# Two texts whose word-trigram sets overlap this much (Jaccard) are near-duplicates.
NEAR_DUPLICATE_JACCARD = 0.5
# A run of this many words found in this many articles or more looks like a template.
TEMPLATE_NGRAM = 9
TEMPLATE_MIN_ARTICLES = 4

AGREEMENT_FOLDER = "agreement"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CorpusError(ValueError):
    """A corpus that cannot be read at all (missing folder, no articles)."""


@dataclass
class GoldQuote:
    type: str
    parts: list[tuple[int, int]]
    speaker: str | None
    cue: str | None
    pattern: str

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@dataclass
class Article:
    id: str
    text: str
    topics: list[str]
    stance: str
    title: str | None = None
    date: str | None = None
    genre: str | None = None
    region: str | None = None
    collection: str = "main"
    quotes: list[GoldQuote] = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False)


@dataclass
class Fault:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def corpus_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise CorpusError(f"no corpus at {root}")
    # agreement/ holds a second annotator's labels, not articles.
    return sorted(path for path in root.rglob("*.jsonl") if AGREEMENT_FOLDER not in path.parts)


def read_records(root: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield (where, record, parse_error) for every non-blank line of every corpus file."""
    for path in corpus_files(root):
        with path.open(encoding="utf-8") as handle:
            yield from parse_json_lines(handle, str(path))


def locate_quote_parts(text: str, quotes: list[dict], faults: list[Fault], where: str
                       ) -> list[GoldQuote]:
    """Find each part verbatim, searching forward from the previous quote's start.

    Quotes are listed in order of appearance, so an ambiguous string resolves to the occurrence that
    follows the previous quote.
    """
    located: list[GoldQuote] = []
    cursor = 0
    for index, quote in enumerate(quotes):
        parts = quote.get("parts") or []
        spans: list[tuple[int, int]] = []
        search_from = cursor
        for part in parts:
            if not isinstance(part, str) or not part.strip():
                faults.append(Fault(where, f"quote {index + 1}: empty part"))
                break
            position = text.find(part, search_from)
            if position < 0:
                found_earlier = text.find(part) >= 0
                hint = " (found only before the previous quote: list quotes in text order)" \
                    if found_earlier else ""
                faults.append(Fault(where, f"quote {index + 1}: part not found verbatim{hint}: "
                                           f"{part[:60]!r}"))
                break
            spans.append((position, position + len(part)))
            search_from = position + len(part)
        else:
            if spans:
                cursor = spans[0][0]
                located.append(GoldQuote(type=quote.get("type", ""), parts=spans,
                                         speaker=quote.get("speaker"), cue=quote.get("cue"),
                                         pattern=quote.get("pattern", "")))
    return located


def validate_record(record: dict, where: str) -> tuple[Article | None, list[Fault]]:
    faults: list[Fault] = []
    for name in REQUIRED_FIELDS:
        if name not in record:
            faults.append(Fault(where, f"missing field {name!r}"))
    if faults:
        return None, faults

    text = record["text"]
    if not isinstance(text, str) or len(text.split()) < 20:
        faults.append(Fault(where, "text must be a string of at least 20 words"))
        return None, faults
    if not isinstance(record["id"], str) or not record["id"].strip():
        faults.append(Fault(where, "id must be a non-empty string"))

    topics = record["topics"]
    if not isinstance(topics, list) or not 1 <= len(topics) <= MAX_TOPICS:
        faults.append(Fault(where, f"topics must list 1 to {MAX_TOPICS} ids"))
        topics = []
    for topic in topics:
        if topic not in TOPIC_IDS:
            faults.append(Fault(where, f"unknown topic {topic!r}"))
    if len(set(topics)) != len(topics):
        faults.append(Fault(where, "a topic is listed twice"))
    if record["stance"] not in STANCE_IDS:
        faults.append(Fault(where, f"unknown stance {record['stance']!r}"))
    if record["genre"] not in GENRES:
        faults.append(Fault(where, f"unknown genre {record['genre']!r} (one of {', '.join(GENRES)})"))
    if record["region"] not in REGIONS:
        faults.append(Fault(where, f"unknown region {record['region']!r}"))
    collection = record.get("collection", "main")
    if collection not in COLLECTIONS:
        faults.append(Fault(where, f"unknown collection {collection!r}"))
    if record["date"] is not None and not DATE_RE.match(str(record["date"])):
        faults.append(Fault(where, "date must be YYYY-MM-DD or null"))

    quotes = record["quotes"]
    if not isinstance(quotes, list):
        faults.append(Fault(where, "quotes must be a list"))
        quotes = []
    for index, quote in enumerate(quotes):
        label = f"quote {index + 1}"
        if not isinstance(quote, dict):
            faults.append(Fault(where, f"{label}: must be an object"))
            continue
        if quote.get("type") not in QUOTE_TYPES:
            faults.append(Fault(where, f"{label}: unknown type {quote.get('type')!r}"))
        if quote.get("pattern") not in QUOTE_PATTERNS:
            faults.append(Fault(where, f"{label}: unknown pattern {quote.get('pattern')!r}"))
        if not isinstance(quote.get("parts"), list) or not quote.get("parts"):
            faults.append(Fault(where, f"{label}: parts must be a non-empty list of strings"))
        if quote.get("speaker") is not None and not isinstance(quote.get("speaker"), str):
            faults.append(Fault(where, f"{label}: speaker must be a string or null"))
        cue = quote.get("cue")
        if cue is not None and (not isinstance(cue, str) or cue not in text):
            faults.append(Fault(where, f"{label}: cue {cue!r} not found verbatim in the text"))
        if quote.get("pattern") == "incise_inside" and len(quote.get("parts") or []) < 2:
            faults.append(Fault(where, f"{label}: an incise inside a quote makes two parts"))
    dict_quotes = [quote for quote in quotes if isinstance(quote, dict)]
    located = locate_quote_parts(text, dict_quotes, faults, where)

    for trap in record.get("traps", []) or []:
        if not isinstance(trap, dict) or trap.get("kind") not in TRAP_KINDS:
            faults.append(Fault(where, f"trap {trap!r}: kind must be one of {', '.join(TRAP_KINDS)}"))
        elif not isinstance(trap.get("text"), str) or trap["text"] not in text:
            faults.append(Fault(where, f"trap text not found verbatim: {trap.get('text')!r}"))

    entities = record["entities"]
    if not isinstance(entities, list):
        faults.append(Fault(where, "entities must be a list"))
        entities = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("label") not in ENTITY_LABELS:
            faults.append(Fault(where, f"entity {entity!r}: label must be one of "
                                       f"{', '.join(ENTITY_LABELS)}"))
        elif not isinstance(entity.get("text"), str) or entity["text"] not in text:
            faults.append(Fault(where, f"entity text not found verbatim: {entity.get('text')!r}"))

    if faults:
        return None, faults
    article = Article(id=record["id"], text=text, topics=list(topics), stance=record["stance"],
                      title=record.get("title"), date=record.get("date"), genre=record["genre"],
                      region=record["region"], collection=collection, quotes=located, raw=record)
    return article, faults


def near_duplicate_pairs(texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
                         ) -> list[tuple[int, int, float]]:
    """Index pairs whose word-trigram sets have a Jaccard similarity of at least threshold."""
    if len(texts) < 2:
        return []
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(ngram_range=(3, 3), n_features=2**22, binary=True, norm=None,
                                   alternate_sign=False, lowercase=True)
    matrix = vectorizer.transform(texts).tocsr()
    sizes = matrix.getnnz(axis=1)
    overlap = (matrix @ matrix.T).tocoo()
    pairs = []
    for i, j, shared in zip(overlap.row, overlap.col, overlap.data, strict=True):
        if i < j:
            union = sizes[i] + sizes[j] - shared
            jaccard = shared / union if union else 0.0
            if jaccard >= threshold:
                pairs.append((int(i), int(j), float(jaccard)))
    return pairs


def template_runs(articles: list[Article]) -> list[tuple[str, int]]:
    """Word runs of TEMPLATE_NGRAM words shared by TEMPLATE_MIN_ARTICLES articles or more."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for article in articles:
        words = re.findall(r"\w+", article.text.lower())
        grams = {tuple(words[i:i + TEMPLATE_NGRAM]) for i in range(len(words) - TEMPLATE_NGRAM + 1)}
        for gram in grams:
            seen.setdefault(gram, set()).add(article.id)
    runs = [(" ".join(gram), len(ids)) for gram, ids in seen.items()
            if len(ids) >= TEMPLATE_MIN_ARTICLES]
    return sorted(runs, key=lambda run: -run[1])


@dataclass
class CheckReport:
    articles: list[Article]
    faults: list[Fault]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.faults


def check_corpus(root: Path) -> CheckReport:
    """Validate every record; faults make the corpus unusable, warnings ask for a look."""
    faults: list[Fault] = []
    articles: list[Article] = []
    first_seen: dict[str, str] = {}
    for where, record, parse_error in read_records(root):
        if parse_error:
            faults.append(Fault(where, parse_error))
            continue
        article, record_faults = validate_record(record, where)
        faults.extend(record_faults)
        record_id = record.get("id")
        if isinstance(record_id, str):
            if record_id in first_seen:
                faults.append(Fault(where, f"duplicate id {record_id!r} (first at {first_seen[record_id]})"))
            else:
                first_seen[record_id] = where
        if article is not None:
            articles.append(article)
    if not articles and not faults:
        raise CorpusError(f"no articles found under {root}")
    for i, j, jaccard in near_duplicate_pairs([article.text for article in articles]):
        faults.append(Fault(articles[j].id, f"near-duplicate of {articles[i].id} "
                                           f"(word-trigram Jaccard {jaccard:.2f})"))
    warnings = [f"{count} articles share the words: {run!r}"
                for run, count in template_runs(articles)[:20]]
    return CheckReport(articles=articles, faults=faults, warnings=warnings)


def load_corpus(root: Path) -> list[Article]:
    """Load a corpus that passes the check; raise CorpusError listing the first faults otherwise."""
    report = check_corpus(root)
    if not report.ok:
        shown = "\n".join(str(fault) for fault in report.faults[:10])
        more = len(report.faults) - 10
        raise CorpusError(f"the corpus at {root} has {len(report.faults)} fault(s):\n{shown}"
                          + (f"\n… and {more} more (run `veille corpus check`)" if more > 0 else ""))
    return report.articles


def stable_fraction(key: str) -> float:
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_articles(articles: list[Article]) -> dict[str, list[Article]]:
    """The fixed split: 'train', 'test' (held out from main) and 'challenge' (never trained on).

    Near-duplicates share a group key (the smallest id of their group), so they land on one side.
    """
    main = [article for article in articles if article.collection == "main"]
    group_of = {article.id: article.id for article in main}

    def root_of(article_id: str) -> str:
        while group_of[article_id] != article_id:
            article_id = group_of[article_id]
        return article_id

    for i, j, _ in near_duplicate_pairs([article.text for article in main]):
        first, second = sorted((root_of(main[i].id), root_of(main[j].id)))
        group_of[second] = first
    split: dict[str, list[Article]] = {"train": [], "test": [], "challenge": []}
    for article in main:
        side = "test" if stable_fraction(root_of(article.id)) < TEST_FRACTION else "train"
        split[side].append(article)
    split["challenge"] = [article for article in articles if article.collection == "challenge"]
    return split


def length_band(text: str) -> str:
    words = len(text.split())
    for limit, name in ((150, "<150 mots"), (300, "150-299"), (500, "300-499"), (700, "500-699")):
        if words < limit:
            return name
    return "700+"


def corpus_stats(articles: Iterable[Article]) -> dict[str, Counter]:
    stats: dict[str, Counter] = {name: Counter() for name in (
        "collection", "split", "topic", "topic_count", "stance", "quote_type", "quote_pattern",
        "trap", "genre", "region", "length")}
    articles = list(articles)
    for side, members in split_articles(articles).items():
        stats["split"][side] = len(members)
    for article in articles:
        stats["collection"][article.collection] += 1
        stats["topic"].update(article.topics)
        stats["topic_count"][f"{len(article.topics)} topic(s)"] += 1
        stats["stance"][article.stance] += 1
        stats["genre"][article.genre] += 1
        stats["region"][article.region] += 1
        stats["length"][length_band(article.text)] += 1
        for quote in article.quotes:
            stats["quote_type"][quote.type] += 1
            stats["quote_pattern"][quote.pattern] += 1
        for trap in article.raw.get("traps", []) or []:
            stats["trap"][trap["kind"]] += 1
    return stats


# ---- users' own labelled corpora ---------------------------------------------------------------

TOPIC_COLUMNS = ("topics", "topic", "labels", "label")
SPLIT_LABELS_RE = re.compile(r"\s*[;,|]\s*")


def _labels_from(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [part for part in SPLIT_LABELS_RE.split(value.strip()) if part]
    return []


def user_record_to_article(record: dict, where: str, index: int) -> Article:
    """A record of a user's corpus: text, topic labels (list or 'a;b'), stance, optional id and title."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: no 'text'")
    column = next((name for name in TOPIC_COLUMNS if record.get(name)), None)
    topics = _labels_from(record.get(column)) if column else []
    if not topics:
        raise CorpusError(f"{where}: no topic labels (a column named one of {', '.join(TOPIC_COLUMNS)})")
    stance = str(record.get("stance") or "").strip()
    if stance not in STANCE_IDS:
        raise CorpusError(f"{where}: stance must be one of {', '.join(STANCE_IDS)}, not {stance!r}")
    return Article(id=str(record.get("id") or f"{where}#{index}"), text=text, topics=topics[:MAX_TOPICS],
                   stance=stance, title=record.get("title") or None, date=record.get("date") or None,
                   raw=record)


def load_user_corpus(path: Path) -> list[Article]:
    import csv

    articles = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), 2):
                articles.append(user_record_to_article(row, f"{path}:{number}", number))
    else:
        for where, record, error in read_records(path):
            if error:
                raise CorpusError(f"{where}: {error}")
            articles.append(user_record_to_article(record, where, len(articles)))
    if len(articles) < 10:
        raise CorpusError(f"{path}: {len(articles)} articles; training needs at least 10")
    return articles


def load_training_corpus(path: Path) -> list[Article]:
    """corpus/ (or one file in its format), or a user's JSON Lines or CSV file of labelled texts."""
    if path.is_dir():
        return load_corpus(path)
    if not path.exists():
        raise CorpusError(f"no corpus at {path}")
    if path.suffix.lower() == ".jsonl":
        first = next(read_records(path), None)
        if first and first[1] and all(name in first[1] for name in REQUIRED_FIELDS):
            return load_corpus(path)
    return load_user_corpus(path)
