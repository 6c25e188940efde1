"""veille serve under load (part of `make bench`): 500 requests from 8 concurrent clients with corpus
articles, on 127.0.0.1 only, with 1 and 2 workers: throughput, latency percentiles, errors (target 0) and
the server's memory (RSS of its processes) before and after (target: within 10 %). Then a fault test: one
of 2 workers is killed mid-load; uvicorn replaces it and the clients see errors only for the requests that
were in flight on it. Every loop stops by itself: a fixed number of requests, and a deadline.

Figures only; on a shared machine they are indicative.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
REQUESTS = 500
CLIENTS = 8
# The first hundred or so articles fill the pipeline's caches (lexemes of the vectors' vocabulary): the
# worker grows by about 20 % over them, then stays flat. Memory is measured from there.
WARM_UP = 100
RUN_DEADLINE = 300.0  # seconds for one run of requests, whatever is left undone
START_DEADLINE = 240.0  # seconds for the workers to load the pipeline and the models
FAULT_REQUESTS = 300
KILL_AFTER = 5.0  # seconds into the fault run


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus" / "main").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# ---- the server's processes ------------------------------------------------------------------------
def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def tree(pid: int) -> list[int]:
    pids = [pid]
    for child in children(pid):
        pids += tree(child)
    return pids


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def worker_pids(server: subprocess.Popen, workers: int) -> set[int]:
    """uvicorn serves in the process it started in with one worker; with more, in spawned children."""
    if workers == 1:
        return {server.pid}
    return {pid for pid in children(server.pid)
            if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()}


class Server:
    def __init__(self, workers: int, log: Path):
        self.workers, self.port = workers, free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [str(BIN / "veille"), "serve", "--host", HOST, "--port", str(self.port),
             "--workers", str(workers), "--no-access-log"],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self) -> None:
        """Until every worker process has answered /health with 200 (each its own pid)."""
        deadline = time.monotonic() + START_DEADLINE
        ready: set[int] = set()
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped (see {self.log.name})")
            expected = worker_pids(self.process, self.workers)
            try:
                response = httpx.get(self.base + "/health", timeout=5)  # a new connection: any worker
                if response.status_code == 200:
                    ready.add(response.json()["pid"])
            except httpx.HTTPError:
                pass
            if len(expected) == self.workers and expected <= ready:
                return
            time.sleep(0.1)
        raise SystemExit(f"the workers were not ready within {START_DEADLINE:.0f} s")

    def rss(self) -> float:
        return rss_mb(tree(self.process.pid))

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


# ---- the clients -----------------------------------------------------------------------------------
@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Each client's request under way: the worker (pid) its connection was last answered by, or None.
    in_flight: dict[int, int | None] = field(default_factory=dict)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def run_load(base: str, texts: list[str], count: int, clients: int = CLIENTS,
             during: tuple[float, object] | None = None) -> Load:
    """`count` requests (at most RUN_DEADLINE seconds) from `clients` threads, each with its own
    keep-alive connection; `during` = (seconds, action) runs the action that far into the run."""
    load, numbers = Load(), itertools.count()
    stop_at = time.monotonic() + RUN_DEADLINE

    def client(me: int) -> None:
        worker = None
        with httpx.Client(base_url=base, timeout=120) as http:
            while time.monotonic() < stop_at:
                number = next(numbers)
                if number >= count:
                    return
                body = {"id": f"bench-{number}", "text": texts[number % len(texts)]}
                with load.lock:
                    load.in_flight[me] = worker
                started = time.perf_counter()
                try:
                    response = http.post("/analyze", json=body)
                    failure = None if response.status_code == 200 else f"HTTP {response.status_code}"
                    worker = int(response.headers.get("X-Veille-Worker", 0)) or None
                except httpx.HTTPError as error:
                    failure, worker = type(error).__name__, None
                with load.lock:
                    del load.in_flight[me]
                    if failure:
                        load.errors.append(failure)
                    else:
                        load.latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(me,)) for me in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    if during is not None:
        delay, action = during
        time.sleep(delay)
        action(load)
    for thread in threads:
        thread.join()
    load.seconds = time.perf_counter() - started
    return load


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1] if len(values) > 1 \
        else (values[0] if values else float("nan"))


def report(title: str, load: Load) -> None:
    done = len(load.latencies)
    print(f"{title}: {done} ok, {len(load.errors)} errors in {load.seconds:.1f} s, "
          f"{done / load.seconds:.2f} requests/s; latency p50 {percentile(load.latencies, .5):.2f} s, "
          f"p95 {percentile(load.latencies, .95):.2f} s, p99 {percentile(load.latencies, .99):.2f} s")
    if load.errors:
        kinds = {kind: load.errors.count(kind) for kind in sorted(set(load.errors))}
        print(f"  errors: {kinds}")


def throughput(workers: int, texts: list[str], folder: Path) -> None:
    server = Server(workers, folder / f"serve-{workers}.log")
    try:
        server.wait_ready()
        run_load(server.base, texts, WARM_UP)
        before = server.rss()
        load = run_load(server.base, texts, REQUESTS)
        after = server.rss()
        report(f"{workers} worker(s), {REQUESTS} requests from {CLIENTS} clients", load)
        print(f"  server RSS ({len(tree(server.process.pid))} processes): {before:.0f} MB before, "
              f"{after:.0f} MB after ({after / before - 1:+.1%}; target within 10 %)")
    finally:
        server.stop()


def fault(texts: list[str], folder: Path) -> None:
    server = Server(2, folder / "serve-fault.log")
    try:
        server.wait_ready()
        run_load(server.base, texts, WARM_UP)
        killed: dict[str, object] = {}

        def kill(load: Load) -> None:
            victim = min(worker_pids(server.process, 2))
            with load.lock:  # the requests under way when the kill lands, and on which worker
                on_victim = sum(worker in (victim, None) for worker in load.in_flight.values())
                killed.update(pid=victim, in_flight=len(load.in_flight), on_victim=on_victim)
                os.kill(victim, signal.SIGKILL)

        load = run_load(server.base, texts, FAULT_REQUESTS, during=(KILL_AFTER, kill))
        report(f"fault: 2 workers, {FAULT_REQUESTS} requests, worker {killed['pid']} killed "
               f"{KILL_AFTER:.0f} s in", load)
        deadline = time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline and len(worker_pids(server.process, 2)) < 2:
            time.sleep(0.2)
        workers = worker_pids(server.process, 2)
        server.wait_ready()
        replaced = len(workers) == 2 and killed["pid"] not in workers
        print(f"  requests in flight at the kill: {killed['in_flight']}, {killed['on_victim']} of them on "
              f"the killed worker's connections (or new ones); errors seen: {len(load.errors)} "
              "(target: no more than those)")
        print(f"  killed worker replaced: {'yes' if replaced else 'NO'} (workers now {sorted(workers)}, "
              f"all answering /health)")
    finally:
        server.stop()


def main() -> None:
    texts = corpus_texts()
    print(f"veille serve on {HOST}: {len(texts)} corpus articles, {os.cpu_count()} cores "
          "(shared: figures are indicative)")
    with tempfile.TemporaryDirectory() as folder:
        for workers in (1, 2):
            throughput(workers, texts, Path(folder))
        fault(texts, Path(folder))


if __name__ == "__main__":
    main()
