"""veille report at scale (part of `make bench`): a 100,000-line results file made by repeating the corpus's
batch output (new ids, dates spread over two years, five outlets in `fields`, a few error records and a
broken line), then `veille report` on it: wall time, peak memory, the page's size. Prints figures only.

    python bench/report_bench.py                       # runs `veille batch corpus/main` once, to a temp dir
    python bench/report_bench.py --results r.jsonl     # repeats the lines of an existing batch output
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from measure import measured  # bench/measure.py: these scripts run from bench/

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LINES = 100_000
OUTLETS = ("Le Quotidien", "La Gazette", "Info Matin", "Radio Centre", "Le Courrier")
FIRST_DAY, DAYS = date(2024, 1, 1), 730
ERROR_EVERY = 997


def repeated(results: Path, out: Path, lines: int) -> None:
    """`lines` lines: the records of `results` again and again, each with a new id, date and outlet."""
    records = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [record for record in records if "error" not in record]
    chance = random.Random(0)
    with out.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            if number == lines // 2:
                handle.write('{"schema": "veille.article/1", "id": broken\n')
                continue
            if number % ERROR_EVERY == 0:
                handle.write(json.dumps({"schema": "veille.article/1", "id": f"r{number}", "source": "bench",
                                         "error": {"type": "empty", "message": "no text"}}) + "\n")
                continue
            record = dict(records[number % len(records)])
            record["id"] = f"r{number}"
            record["date"] = (FIRST_DAY + timedelta(days=chance.randrange(DAYS))).isoformat()
            record["fields"] = {"outlet": OUTLETS[chance.randrange(len(OUTLETS))]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, help="a veille batch output to repeat (default: made now)")
    parser.add_argument("--lines", type=int, default=LINES)
    parser.add_argument("--keep", type=Path, help="copy the page here, to open it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        results = args.results
        if results is None:
            results = folder / "corpus.jsonl"
            subprocess.run([str(BIN / "veille"), "batch", str(ROOT / "corpus" / "main"), "-o", str(results),
                            "--workers", "1", "-q"], check=False, cwd=ROOT)
        big = folder / "results.jsonl"
        repeated(results, big, args.lines)
        page = folder / "report.html"
        seconds, megabytes = measured([str(BIN / "veille"), "report", str(big), "-o", str(page)])
        print(f"veille report, {args.lines:,} lines ({big.stat().st_size / 1e6:.0f} MB of JSON Lines): "
              f"{seconds:.1f} s, peak memory {megabytes:.0f} MB, page {page.stat().st_size / 1e6:.1f} MB")
        if args.keep:
            shutil.copyfile(page, args.keep)


if __name__ == "__main__":
    main()
