"""Time and peak memory of pathological texts beside ordinary prose of the same length, each in a fresh
process (`make attack-text`): 400 KB of quotation marks of several kinds, one 2 MB line."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "article.txt"
CASES = {
    "prose 400 KB": ("prose", 400_000), "« × 200,000": ("guil", 400_000),
    "« spaced, 400 KB": ("spaced", 400_000), "mixed marks spaced, 400 KB": ("spacedmix", 400_000),
    '" × 400,000': ("straight", 400_000), "prose 2 MB": ("prose", 2_000_000),
    "one 2 MB line": ("line", 2_000_000),
}


def text_of(kind: str, size: int) -> str:
    prose = SAMPLE.read_text(encoding="utf-8")
    if kind == "prose":
        return ((prose + "\n") * (size // len(prose) + 1))[:size]
    if kind == "line":
        return ((prose.replace("\n", " ") + " ") * (size // len(prose) + 1))[:size]
    unit = {"guil": "«", "spaced": "« ", "spacedmix": "« “ „ \" ‹ » ” › ", "straight": '"'}[kind]
    return "Il a dit " + unit * (size // len(unit.encode()))


def measure(kind: str, size: int) -> None:
    from veille.analyzer import Analyzer
    from veille.input.decode import RawArticle

    analyzer = Analyzer.load()
    text = text_of(kind, size)
    started = time.perf_counter()
    analyzer.analyze(RawArticle(text=text, id="x", source="x"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - started:.1f} {peak:.0f}")


def main() -> None:
    if len(sys.argv) == 3:
        measure(sys.argv[1], int(sys.argv[2]))
        return
    for name, (kind, size) in CASES.items():
        out = subprocess.run([sys.executable, __file__, kind, str(size)], capture_output=True, text=True,
                             check=True).stdout.split()
        print(f"{name:28} {out[0]:>7} s {out[1]:>6} MB peak")


if __name__ == "__main__":
    main()
