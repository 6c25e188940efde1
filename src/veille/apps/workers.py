"""Where a batch run's articles are analysed: in this process, or in worker processes that each load the
pipeline and the models once. Either way articles travel in batches sized by their text length and come
back as finished output records, in input order."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from veille.input.decode import InputError, RawArticle

# A batch holds articles up to about this many characters (a longer article goes alone): enough for the
# parser to work on full batches, little enough that workers share the work evenly and that an interrupted
# run has little in flight.
BATCH_CHARS = 40_000
BATCH_ITEMS = 64
# Batches waiting for a worker beyond those being analysed: workers never idle, memory stays bounded.
QUEUED_PER_WORKER = 2
# What one worker holds at most (pipeline, models, a batch): `make bench` measures about 600 MB.
WORKER_BYTES = 800 * 1024 * 1024


def default_workers() -> int:
    """One per core, as many as the machine's memory can hold."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return cores
    return max(1, min(cores, memory // WORKER_BYTES))


class AnalysisFailure(InputError):
    """An article on which the analysis itself failed; it becomes an error record, the run carries on."""

    type = "analysis_failed"


class WorkerDied(InputError):
    """An article whose worker process died each time it was analysed; the run carries on."""

    type = "worker_died"


class WorkersNotStarted(RuntimeError):
    """The worker processes could not load the pipeline or the models, or the cluster could not be reached
    (the message says why); nothing was written."""


class AnalysisLost(RuntimeError):
    """The cluster went away mid-run (the message says what failed): the lines written so far stay whole."""


Outcome = tuple[dict | InputError, object]  # (output record or the error that stopped the article, context)


def length_batches(articles: Iterable[tuple[RawArticle, object]], max_chars: int = BATCH_CHARS,
                   max_items: int = BATCH_ITEMS) -> Iterator[list[tuple[RawArticle, object]]]:
    batch, size = [], 0
    for raw, context in articles:
        batch.append((raw, context))
        size += len(raw.text)
        if size >= max_chars or len(batch) >= max_items:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def analyse_batch(analyzer, raws: list[RawArticle]) -> list[dict | InputError]:
    """One result per article, in order. Should the analysis itself fail, the articles are taken again one
    by one, so that only the one that fails it is lost (as an error)."""
    try:
        return _analysed(analyzer, raws)
    except Exception:  # noqa: BLE001  (retried article by article just below)
        if len(raws) == 1:
            return [_failure(raws[0])]
    return [_analysed_alone(analyzer, raw) for raw in raws]


def _analysed(analyzer, raws: list[RawArticle]) -> list[dict | InputError]:
    results: list = [None] * len(raws)
    for result, index in analyzer.analyze_stream(zip(raws, range(len(raws)), strict=True)):
        results[index] = result if isinstance(result, InputError) else result.to_dict()
    return results


def _analysed_alone(analyzer, raw: RawArticle) -> dict | InputError:
    try:
        return _analysed(analyzer, [raw])[0]
    except Exception:  # noqa: BLE001  (reported in the article's error record)
        return _failure(raw)


def _failure(raw: RawArticle) -> AnalysisFailure:
    import traceback

    return AnalysisFailure(f"{raw.source}: the analysis failed ({traceback.format_exc(limit=1).strip()})")


class InProcess:
    """Analyse with an Analyzer already loaded here (one worker; also what the tests use)."""

    def __init__(self, analyzer):
        self.analyzer = analyzer

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def outcomes(self, articles: Iterable[tuple[RawArticle, object]]) -> Iterator[Outcome]:
        for batch in length_batches(articles):
            results = analyse_batch(self.analyzer, [raw for raw, _ in batch])
            yield from zip(results, (context for _, context in batch), strict=True)


# ---- worker processes ------------------------------------------------------------------------------
_worker_analyzer = None
_worker_load_error: Exception | None = None


def _start_worker(models_dir: Path) -> None:
    global _worker_analyzer, _worker_load_error
    # Ctrl-C is the main process's to handle: it stops handing out batches and keeps its output valid.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from veille.analyzer import Analyzer
    from veille.classify.persist import ModelError
    from veille.nlp.pipeline import PipelineError

    try:
        _worker_analyzer = Analyzer.load(models_dir)
    except (ModelError, PipelineError) as error:  # raised again, in the main process, by the first task
        _worker_load_error = error


def _worker_ready() -> bool:
    if _worker_load_error is not None:
        raise _worker_load_error
    return True


def _worker_batch(raws: list[RawArticle]) -> list[dict | InputError]:
    _worker_ready()
    return analyse_batch(_worker_analyzer, raws)


class WorkerPool:
    """`workers` processes; the main process only reads inputs and writes lines.

    Not spaCy's `nlp.pipe(n_process=)` (still used by training): it sends parsed Docs back, leaving their
    decoding, the features, the classifiers and the record to the main process (2 workers ran 1.59x one; now
    1.7-1.9x, `make bench`), and it sizes batches by count only.

    Processes are started fresh (spawn), not forked: the main process runs threads (progress, counting) that
    a fork would copy mid-flight. Entering waits until the pipeline and models have loaded, so that a
    missing or tampered model is reported before any output is touched.

    A worker that dies (killed, out of memory) breaks the whole executor: a new one is started and every
    batch not yet finished is run again (_recover); an article that kills its worker each time becomes a
    worker_died error record, so the run ends with every item accounted for.
    """

    # The functions the processes run (module-level, for spawn); the tests give stand-ins.
    initializer = staticmethod(_start_worker)
    ready = staticmethod(_worker_ready)
    task = staticmethod(_worker_batch)

    def __init__(self, models_dir: Path, workers: int):
        self.models_dir, self.workers = models_dir, workers
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def __enter__(self) -> WorkerPool:
        self._start()
        return self

    def _start(self) -> None:
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=self.initializer, initargs=(self.models_dir,))
        try:
            self.pool.submit(self.ready).result()
        except Exception as error:
            self.pool.shutdown(wait=False, cancel_futures=True)
            raise WorkersNotStarted(str(error)) from error
        except BaseException:
            self.pool.shutdown(wait=False, cancel_futures=True)
            raise

    def __exit__(self, exc_type, *exc) -> None:
        # On an error or Ctrl-C, batches not yet started are dropped; those in progress end within seconds.
        self.pool.shutdown(wait=exc_type is None, cancel_futures=exc_type is not None)

    def outcomes(self, articles: Iterable[tuple[RawArticle, object]]) -> Iterator[Outcome]:
        pending: deque[Submitted] = deque()
        for batch in length_batches(articles):
            pending.append((self._submit(batch), batch))
            while len(pending) > self.workers * (1 + QUEUED_PER_WORKER):
                yield from self._collected(pending)
        while pending:
            yield from self._collected(pending)

    def _submit(self, batch: list[tuple[RawArticle, object]]) -> Future:
        try:
            return self.pool.submit(self.task, [raw for raw, _ in batch])
        except BrokenProcessPool as error:  # found broken on submitting: recovered when collected
            return _finished(exception=error)

    def _collected(self, pending: deque[Submitted]) -> Iterator[Outcome]:
        """The outcomes of the first pending batch, once it is done; should a worker have died, the batches
        not finished are first run again (_recover)."""
        future, batch = pending[0]
        try:
            results = future.result()
        except BrokenProcessPool:
            self._recover(pending)
            results = pending[0][0].result()
        pending.popleft()
        yield from zip(results, (context for _, context in batch), strict=True)

    def _recover(self, pending: deque[Submitted]) -> None:
        """A new pool, then every batch not finished when the worker died is run again, alone on the pool:
        a death then is that batch's doing, and its articles are run one by one, the one that kills its
        worker again becoming a worker_died error. Few batches are pending (QUEUED_PER_WORKER)."""
        self._restart()
        for index, (future, batch) in enumerate(pending):
            if not (future.done() and not future.cancelled() and future.exception() is None):
                results = self._alone(batch)
                if results is None:
                    results = [self._alone([article]) or worker_died(article) for article in batch]
                    results = [result[0] if isinstance(result, list) else result for result in results]
                pending[index] = (_finished(results), batch)

    def _alone(self, batch: list[tuple[RawArticle, object]]) -> list | None:
        """The batch's results with nothing else on the pool, or None if its worker died."""
        try:
            return self._submit(batch).result()
        except BrokenProcessPool:
            self._restart()
            return None

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        self._start()


Submitted = tuple[Future, list[tuple[RawArticle, object]]]  # (future, batch)


def _finished(result: object = None, exception: BaseException | None = None) -> Future:
    future: Future = Future()
    if exception is not None:
        future.set_exception(exception)
    else:
        future.set_result(result)
    return future


def worker_died(article: tuple[RawArticle, object]) -> WorkerDied:
    return WorkerDied(f"{article[0].source}: the worker process analysing it died, twice (killed, or out "
                      "of memory)")
