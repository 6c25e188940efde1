"""veille's JSON Lines output in the import formats of annotation tools, to correct quotes, speakers and
entities by hand and retrain.

Every span is a character offset pair into the record's text: entity mentions (PER, ORG, LOC, MISC), each
part of a quote (QUOTE_DIRECT, QUOTE_INDIRECT, QUOTE_MIXED) and speaker mentions (SPEAKER). Spans overlap (a
speaker is also a PER, a quote holds entities): the tools' span modes take that (Prodigy spans.manual,
doccano with overlapping spans allowed, Label Studio as it is).

  prodigy       JSONL: {"text", "spans": [{"start", "end", "label"}], "meta": {...}}
  doccano       JSONL, sequence labelling: {"text", "label": [[start, end, LABEL], ...], ...}
  label-studio  JSON list of tasks: {"data": {"text", ...}, "predictions": [{"model_version", "result":
                [{"id", "from_name", "to_name", "type": "labels",
                  "value": {"start", "end", "text", "labels"}}]}]}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from veille import __version__
from veille.labels import ENTITY_LABELS
from veille.nlp.quotes import QUOTE_TYPES

FORMATS = ("prodigy", "doccano", "label-studio")
SPEAKER = "SPEAKER"
QUOTE_LABELS = {kind: f"QUOTE_{kind.upper()}" for kind in QUOTE_TYPES}
LABELS = (*ENTITY_LABELS, *QUOTE_LABELS.values(), SPEAKER)
# The names of Label Studio's labelling config that the tasks refer to (label_studio_config()).
LS_FROM_NAME = "label"
LS_TO_NAME = "text"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str


@dataclass
class ExportSummary:
    written: int = 0
    spans: int = 0
    errors: int = 0  # error records: nothing to annotate
    without_text: int = 0  # records from batch --no-text
    bad_lines: list[str] = field(default_factory=list)  # "file:line: why"
    bad_spans: int = 0  # offsets outside the text: left out


def record_spans(record: Mapping) -> tuple[list[Span], int]:
    """The spans of a record with its text, sorted, each (start, end, label) once; and how many of its offsets
    fell outside the text and were left out."""
    text = record["text"]
    spans: set[Span] = set()
    bad = 0

    def add(pair, label: str) -> None:
        nonlocal bad
        try:
            start, end = (int(pair[0]), int(pair[1]))
        except (TypeError, ValueError, IndexError):
            bad += 1
            return
        if 0 <= start < end <= len(text):
            spans.add(Span(start, end, label))
        else:
            bad += 1

    for entity in record.get("entities") or []:
        label = entity.get("label") if entity.get("label") in ENTITY_LABELS else "MISC"
        for mention in entity.get("mentions") or []:
            add(mention, label)
    for quote in record.get("quotes") or []:
        label = QUOTE_LABELS.get(quote.get("type"), QUOTE_LABELS["direct"])
        for part in quote.get("parts") or []:
            add(part, label)
        if quote.get("speaker_span"):
            add(quote["speaker_span"], SPEAKER)
    return sorted(spans), bad


def _meta(record: Mapping) -> dict:
    return {key: record[key] for key in ("id", "title", "date", "source") if record.get(key) is not None}


def prodigy_task(record: Mapping, spans: list[Span]) -> dict:
    return {"text": record["text"],
            "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans],
            "meta": _meta(record)}


def doccano_task(record: Mapping, spans: list[Span]) -> dict:
    # Keys other than text and label become the example's metadata in doccano.
    return {"text": record["text"], "label": [[s.start, s.end, s.label] for s in spans],
            **{f"veille_{key}": value for key, value in _meta(record).items()}}


def label_studio_task(record: Mapping, spans: list[Span], number: int) -> dict:
    text = record["text"]
    result = [{"id": f"veille-{number}-{index}", "from_name": LS_FROM_NAME, "to_name": LS_TO_NAME,
               "type": "labels",
               "value": {"start": s.start, "end": s.end, "text": text[s.start:s.end], "labels": [s.label]}}
              for index, s in enumerate(spans)]
    return {"data": {"text": text, **{f"veille_{key}": value for key, value in _meta(record).items()}},
            "predictions": [{"model_version": f"veille {__version__}", "result": result}]}


def label_studio_config() -> str:
    """The labelling config (Settings → Labeling Interface → Code) that the exported tasks fit."""
    labels = "\n".join(f'    <Label value="{label}"/>' for label in LABELS)
    return (f'<View>\n  <Labels name="{LS_FROM_NAME}" toName="{LS_TO_NAME}">\n{labels}\n  </Labels>\n'
            f'  <Text name="{LS_TO_NAME}" value="$text"/>\n</View>\n')


def read_results(path: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(where, record, None) for each record line of veille's JSON Lines output, (where, None, why) for a line
    that is not one (not UTF-8, not JSON, not an object); blank lines skipped."""
    with path.open("rb") as handle:
        for number, data in enumerate(handle, 1):
            where = f"{path}:{number}"
            try:
                line = data.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield where, None, "not UTF-8 text"
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                yield where, None, f"not valid JSON ({error.msg}, column {error.colno})"
                continue
            if isinstance(record, dict):
                yield where, record, None
            else:
                yield where, None, "a line must hold one JSON object"


def tasks(lines: Iterable[tuple[str, dict | None, str | None]], fmt: str, summary: ExportSummary
          ) -> Iterator[dict]:
    """The annotation tasks of the records that carry their text; the rest counted in `summary`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    for where, record, why in lines:
        if record is None:
            summary.bad_lines.append(f"{where}: {why}")
            continue
        if "error" in record:
            summary.errors += 1
            continue
        if not isinstance(record.get("text"), str) or not record["text"]:
            summary.without_text += 1
            continue
        spans, bad = record_spans(record)
        summary.bad_spans += bad
        summary.spans += len(spans)
        summary.written += 1
        if fmt == "prodigy":
            yield prodigy_task(record, spans)
        elif fmt == "doccano":
            yield doccano_task(record, spans)
        else:
            yield label_studio_task(record, spans, summary.written)


def write_tasks(tasks_: Iterable[dict], fmt: str, handle: IO[str]) -> None:
    """JSON Lines for Prodigy and doccano; one JSON list for Label Studio."""
    if fmt != "label-studio":
        for task in tasks_:
            handle.write(json.dumps(task, ensure_ascii=False) + "\n")
        return
    handle.write("[")
    for number, task in enumerate(tasks_):
        handle.write(("\n" if number == 0 else ",\n") + json.dumps(task, ensure_ascii=False))
    handle.write("\n]\n")


def export_file(source: Path, out: Path, fmt: str) -> ExportSummary:
    """Convert veille's output `source` into `out`, written whole or not at all (through a temporary file):
    left as it was when no record could be exported."""
    summary = ExportSummary()
    partial = out.with_name(out.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            write_tasks(tasks(read_results(source), fmt, summary), fmt, handle)
        if summary.written:
            partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return summary
