"""Batch on a Dask cluster (part of `make bench`): articles per second with `--cluster local:1` and `local:2`
against the in-process worker pool with 1 and 2 workers, and the peak memory of the client and of the workers
at 1,000 and 5,000 articles. Prints figures only.

`python bench/cluster_bench.py --articles 100 --peaks 50,100` runs it small, to check that it works.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from batch_bench import corpus_texts, write_archive  # bench/: these scripts run from there
from measure import measured

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def throughput(archive: Path, folder: Path, count: int) -> dict[str, float]:
    """Articles per second of the whole command (start, model loads and all), for each way to run it."""
    runs = {"pool, 1 worker": ["--workers", "1"], "pool, 2 workers": ["--workers", "2"],
            "cluster local:1": ["--cluster", "local:1"], "cluster local:2": ["--cluster", "local:2"]}
    rates = {}
    for name, flags in runs.items():
        seconds, _ = measured([str(BIN / "veille"), "batch", str(archive), "-o", str(folder / "out.jsonl"),
                               "--force", "-q", *flags])
        rates[name] = count / seconds
    return rates


def worker_peak_mb(client) -> float:
    """The largest peak RSS among the cluster's worker processes (each reports its own)."""
    import resource

    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return max(peaks.values())


def peaks(archive: Path, folder: Path, counts: list[int], texts: list[str]) -> dict[int, tuple[float, float]]:
    """(client MB, worker MB) at each count: veille batch runs as a client of a local cluster of 2 workers
    started here, restarted before each run so that each peak is that run's."""
    from distributed import Client, LocalCluster

    results = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        for count in counts:
            write_archive(archive, count, texts)
            client.restart()
            _, client_mb = measured([str(BIN / "veille"), "batch", str(archive), "-o",
                                     str(folder / "peak.jsonl"), "--force", "-q", "--cluster",
                                     cluster.scheduler_address])
            results[count] = (client_mb, worker_peak_mb(client))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles for the throughput runs")
    parser.add_argument("--peaks", default="1000,5000", help="article counts for the peak memory runs")
    arguments = parser.parse_args()
    counts = [int(count) for count in arguments.peaks.split(",")]
    texts = corpus_texts()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        archive = folder / "archive.jsonl"
        words = write_archive(archive, arguments.articles, texts)
        rates = throughput(archive, folder, arguments.articles)
        print(f"cluster throughput on {arguments.articles} corpus-like articles ({words:,} words), "
              f"{os.cpu_count()} cores, start and model loads included:")
        for name, rate in rates.items():
            print(f"  {name}: {rate:.1f} articles/s")
        two = rates["cluster local:2"]
        print(f"  local:2 / pool of 2: {two / rates['pool, 2 workers']:.2f}x (target >= 0.9); "
              f"local:2 / local:1: {two / rates['cluster local:1']:.2f}x")
        per_worker = two / 2
        print(f"  10,000,000 articles at {per_worker:.1f} articles/s a worker: "
              f"{10_000_000 / (64 * per_worker) / 3600:.1f} hours on 64 workers, "
              f"{10_000_000 / per_worker / 86400:.1f} days on one")
        memory = peaks(archive, folder, counts, texts)
        print("peak memory with a local cluster of 2 workers (client = the veille process):")
        for count, (client_mb, worker_mb) in memory.items():
            print(f"  {count:,} articles: client {client_mb:.0f} MB, largest worker {worker_mb:.0f} MB")
        first, last = memory[counts[0]], memory[counts[-1]]
        print(f"  {counts[0]:,} -> {counts[-1]:,}: client {last[0] / first[0] - 1:+.0%}, workers "
              f"{last[1] / first[1] - 1:+.0%} (target: within 15 %)")


if __name__ == "__main__":
    main()
