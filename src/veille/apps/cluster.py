"""Analysis on a Dask distributed cluster (`veille batch --cluster`), a backend beside InProcess and the
WorkerPool.

Each Dask worker loads the pipeline and the models once, in a worker plugin. The client reads the inputs as a
stream, cuts them into the batches the pool takes (length_batches) and keeps a few per worker thread in
flight, so that its memory and the workers' stay flat whatever the archive's size. Records come back as their
batches finish, so the output's order may differ from the inputs' (`ordered` keeps it).

A worker that dies loses nothing: Dask runs its batches again elsewhere, and each batch's records are written
once, when its result reaches the client. A batch that kills every worker it runs on is taken again article
by article, the one at fault becoming a worker_died error, as with the pool.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from veille.apps.workers import (
    BATCH_CHARS,
    BATCH_ITEMS,
    QUEUED_PER_WORKER,
    AnalysisLost,
    Outcome,
    WorkersNotStarted,
    analyse_batch,
    length_batches,
    worker_died,
)
from veille.input.decode import RawArticle

PLUGIN_NAME = "veille-analysis"
LOCAL = re.compile(r"local:([1-9][0-9]{0,3})")
# How long to wait, at the start, for a scheduler with no worker yet to get one.
WORKERS_WAIT_SECONDS = 60
# How often a client waiting for results checks that it is still connected.
STATUS_SECONDS = 5
# The local workers veille starts do CPU work only: Dask's statistical profiler (a stack sample every 10 ms)
# and its 100 ms memory and system monitors cost them about 7 % of their CPU time (600 articles, 2
# workers: 30.2 -> 28.1 s each). Dask also starts its workers with MALLOC_TRIM_THRESHOLD_=65536, which
# hands freed memory back to the system at once: the parser allocates and frees so much that this costs
# about a fifth of the run (the pool of 2 under that setting: 44.8 -> 53.5 s for 1,200 articles, system
# time 4.9 -> 16.7 s), so the local workers keep glibc's default. A cluster of one's own is configured by
# its owner (README).
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "2s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


class BadClusterAddress(ValueError):
    """A --cluster value that is neither a scheduler address nor local:N."""


@dataclass(frozen=True)
class ClusterTarget:
    """Where to run: a running scheduler's address, or a local cluster of `local_workers` processes."""

    address: str | None = None
    local_workers: int = 0

    def __str__(self) -> str:
        return self.address or f"a local cluster of {self.local_workers} worker(s)"


def parse_cluster(value: str) -> ClusterTarget:
    """tcp://host:port (or tls://, ws://, wss://, inproc://), or local:N."""
    if match := LOCAL.fullmatch(value):
        return ClusterTarget(local_workers=int(match[1]))
    scheme, _, rest = value.partition("://")
    if scheme in ("tcp", "tls", "ws", "wss", "inproc") and rest and not rest.startswith(":"):
        return ClusterTarget(address=value)
    raise BadClusterAddress(f"--cluster {value!r}: give a scheduler's address, as tcp://scheduler:8786, or "
                            "local:N to start a local cluster of N worker processes (N from 1)")


class AnalyzerPlugin(WorkerPlugin):
    """Loads the pipeline and the models once per worker process, for every batch that worker runs.

    The load runs in a thread, so that the worker keeps answering its scheduler meanwhile; a batch that
    arrives first waits for it. A load that fails (models missing, tampered, of another pipeline version; a
    worker running another veille) is raised to the client that registers the plugin, before any output.
    """

    def __init__(self, models_dir: str, version: str):
        self.models_dir, self.version = models_dir, version
        self.analyzer: Any = None
        self.error: Exception | None = None
        self.loaded = threading.Event()
        self.lock = threading.Lock()  # one analysis at a time, should a worker run several threads

    def __reduce__(self) -> tuple:
        return AnalyzerPlugin, (self.models_dir, self.version)  # a worker gets it new, its events unset

    async def setup(self, worker) -> None:
        await asyncio.to_thread(self._load)
        if self.error is not None:
            raise self.error

    def _load(self) -> None:
        import veille
        from veille.analyzer import Analyzer
        from veille.classify.persist import ModelError
        from veille.nlp.pipeline import PipelineError

        try:
            if veille.__version__ != self.version:
                raise WorkersNotStarted(f"the Dask worker runs veille {veille.__version__}, the client "
                                        f"{self.version}: install the same version on both")
            self.analyzer = Analyzer.load(self.models_dir)
        except (ModelError, PipelineError, WorkersNotStarted) as error:
            self.error = error
        finally:
            self.loaded.set()

    def teardown(self, worker) -> None:
        self.analyzer = None  # frees the worker's memory once the run is over

    @contextmanager
    def analyzer_in_use(self) -> Iterator:
        """The analyzer, once loaded, for this thread alone."""
        self.loaded.wait()
        if self.error is not None:
            raise self.error
        with self.lock:
            yield self.analyzer


def worker_plugin() -> AnalyzerPlugin:
    """The plugin of the worker this task runs on."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, AnalyzerPlugin):
        raise RuntimeError("this Dask worker has no veille analysis plugin (it joined as the run ended?)")
    return plugin


def analyse_on_worker(raws: list[RawArticle]) -> list:
    with worker_plugin().analyzer_in_use() as analyzer:
        return analyse_batch(analyzer, raws)


class ClusterAnalysis:
    """Batches analysed on a Dask cluster, at most `capacity` in flight (QUEUED_PER_WORKER beyond one per
    worker thread), yielded as they finish, or in input order when `ordered`."""

    batch_chars, batch_items = BATCH_CHARS, BATCH_ITEMS  # the pool's batches; the tests take smaller ones
    task = staticmethod(analyse_on_worker)  # what a worker runs on a batch; the tests give stand-ins

    def __init__(self, target: ClusterTarget, models_dir: Path, ordered: bool = False):
        self.target, self.models_dir, self.ordered = target, models_dir, ordered
        self.client: Client | None = None
        self.local: LocalCluster | None = None
        self.capacity = 0
        self.submitted = self.most_in_flight = 0  # counted for the tests
        self.finishing = threading.Event()  # set as each task finishes

    def __enter__(self) -> ClusterAnalysis:
        from veille.classify.persist import ModelError
        from veille.nlp.pipeline import PipelineError

        self.client = self._connect()
        try:
            self.client.register_plugin(self.plugin(), name=PLUGIN_NAME)
        except (ModelError, PipelineError, WorkersNotStarted) as error:
            self.__exit__()
            raise WorkersNotStarted(str(error)) from None
        except (OSError, CancelledError, TimeoutError) as error:
            self.__exit__()
            raise WorkersNotStarted(f"the Dask cluster at {self.target} failed while its workers loaded the "
                               f"models ({error})") from None
        threads = sum(self.client.nthreads().values())
        self.capacity = max(1, threads) * (1 + QUEUED_PER_WORKER)
        return self

    def plugin(self) -> WorkerPlugin:
        """What each worker loads once (the tests give a stand-in that loads nothing)."""
        import veille

        return AnalyzerPlugin(str(self.models_dir.resolve()), veille.__version__)

    def _connect(self) -> Client:
        if self.target.local_workers:
            # One thread a worker: the pipeline works on one batch at a time, a worker per core is the pool.
            # Its HTTP server on any free port: Dask's 8787 may be another cluster's.
            with dask.config.set(LOCAL_WORKER_CONFIG):
                self.local = LocalCluster(n_workers=self.target.local_workers, threads_per_worker=1,
                                          processes=True, dashboard_address=":0")
            return Client(self.local)
        try:
            client = Client(self.target.address)
        except (OSError, TimeoutError) as error:
            raise WorkersNotStarted(
                f"no Dask scheduler answers at {self.target.address} ({error}): check that the scheduler "
                "runs (`dask scheduler`), the host name and port, and that this machine can reach it "
                "(firewall, VPN)") from None
        try:
            client.wait_for_workers(1, timeout=WORKERS_WAIT_SECONDS)
        except TimeoutError:
            client.close()
            raise WorkersNotStarted(
                f"the Dask scheduler at {self.target.address} has no worker after {WORKERS_WAIT_SECONDS} s: "
                f"start some (`dask worker {self.target.address} --nthreads 1`)") from None
        return client

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            if self.client.status == "running":
                try:  # a shared cluster gets its workers' memory back
                    self.client.unregister_worker_plugin(PLUGIN_NAME)
                except Exception:  # noqa: BLE001  (a plugin never registered, a worker gone: nothing held)
                    pass
            self.client.close()
            self.client = None
        if self.local is not None:
            self.local.close()
            self.local = None

    def outcomes(self, articles: Iterable[tuple[RawArticle, object]]) -> Iterator[Outcome]:
        tasks = ((self.task, ([raw for raw, _ in batch],), batch)
                 for batch in length_batches(articles, self.batch_chars, self.batch_items))
        for results, batch in self.finished(tasks, self._batch_results):
            yield from zip(results, (context for _, context in batch), strict=True)

    def finished(self, tasks: Iterable[tuple[Callable, tuple, Any]],
                 results_of: Callable[[Future, Any], Any]) -> Iterator[tuple[Any, Any]]:
        """(results, work) for each (function, arguments, work) of `tasks`, submitted as the cluster takes
        them: never more than `capacity` in flight, so that nothing piles up on the client or the workers."""
        in_flight: dict[Future, Any] = {}  # in submission order
        for function, arguments, work in tasks:
            in_flight[self.submit(function, *arguments)] = work
            self.most_in_flight = max(self.most_in_flight, len(in_flight))
            if len(in_flight) >= self.capacity:
                yield self._next(in_flight, results_of)
        while in_flight:
            yield self._next(in_flight, results_of)

    def submit(self, function: Callable, *arguments) -> Future:
        self.submitted += 1
        future = self.client.submit(function, *arguments, pure=False)  # two equal batches are two tasks
        future.add_done_callback(lambda _: self.finishing.set())
        return future

    def _next(self, in_flight: dict[Future, Any],
              results_of: Callable[[Future, Any], Any]) -> tuple[Any, Any]:
        future = self._first_done(in_flight)
        work = in_flight.pop(future)
        return results_of(future, work), work

    def _first_done(self, in_flight: dict[Future, Any]) -> Future:
        """The first future of `in_flight` (the oldest, when ordered) that is done, once one is. Not
        distributed.wait, which waits through the process's default client, maybe not this one."""
        while True:
            self.finishing.clear()  # before looking: a future done meanwhile sets it again
            candidates = [next(iter(in_flight))] if self.ordered else in_flight
            done = next((future for future in candidates if future.done()), None)
            if done is not None:
                return done
            if self.client.status not in ("running", "connecting"):  # closed with work unanswered
                raise self._lost()
            self.finishing.wait(STATUS_SECONDS)

    def _lost(self) -> AnalysisLost:
        return AnalysisLost(f"lost the Dask scheduler at {self.target} (it stopped, or the network failed)")

    def result(self, future: Future) -> Any:
        """A task's result. KilledWorker is the caller's to handle; the loss of the scheduler, or a worker
        that fails otherwise (its models gone since the start, say), is AnalysisLost: the run stops."""
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except CancelledError:
            raise self._lost() from None
        except KilledWorker:
            raise
        except Exception as error:  # noqa: BLE001  (any failure of a worker's own stops the run, said)
            raise AnalysisLost(f"a Dask worker of {self.target} failed: {type(error).__name__}: {error}"
                               ) from None

    def _batch_results(self, future: Future, batch: list[tuple[RawArticle, object]]) -> list:
        from distributed.scheduler import KilledWorker

        try:
            return self.result(future)
        except KilledWorker:
            # The batch killed each worker it ran on: its articles go one at a time, so that a death is the
            # doing of the one running, which becomes an error (rare: the others wait meanwhile).
            return [self._alone(article) for article in batch]

    def _alone(self, article: tuple[RawArticle, object]):
        from distributed.scheduler import KilledWorker

        try:
            return self.result(self.submit(self.task, [article[0]]))[0]
        except KilledWorker:
            return worker_died(article)
