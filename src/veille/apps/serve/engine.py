"""The analyser of one worker process.

The pipeline and the models are loaded once, on the engine's own thread, right after the worker starts: the
worker answers at once (/health says 503 until the load is done) and uvicorn's supervisor sees it alive.
Analyses run on that same single thread, queued behind the load, one at a time: spaCy is not meant to be
shared between threads, the work is CPU-bound (a second thread would only fight for the GIL), and the event
loop stays free for /health and for reading other requests. More throughput is more worker processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from veille.apps.serve.errors import ApiError
from veille.input.decode import InputError, RawArticle
from veille.record import error_record

log = logging.getLogger("veille.serve")


def new_error_id() -> str:
    return uuid.uuid4().hex[:12]


class Engine:
    def __init__(self, load: Callable[[], object]):
        self._load = load
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="veille-analysis")
        self.analyzer = None  # veille.analyzer.Analyzer, once loaded
        self.state = "loading"  # then "ready", or "failed"
        self.failure: str | None = None

    def start(self) -> None:
        self._thread.submit(self._load_now)

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)

    def _load_now(self) -> None:
        try:
            self.analyzer = self._load()
        except Exception as error:  # a worker without models keeps answering /health with the reason
            self.state, self.failure = "failed", str(error)
            log.exception("the pipeline or the models could not be loaded")
            return
        self.state = "ready"
        log.info("pipeline and models loaded")

    async def run(self, function: Callable, *args):
        """function(*args) on the analysis thread, after the load."""
        return await asyncio.get_running_loop().run_in_executor(self._thread, function, *args)

    # ---- on the analysis thread ----------------------------------------------------------------
    def check_ready(self) -> None:
        """Refuse at once when the load failed (while it runs, analyses wait for it)."""
        if self.state == "failed":
            raise ApiError(503, "not_ready", f"the models could not be loaded: {self.failure}")

    def _ready_analyzer(self):
        if self.analyzer is None:
            raise ApiError(503, "not_ready", f"the models could not be loaded: {self.failure}")
        return self.analyzer

    def analyze(self, raw: RawArticle) -> dict:
        """The record of one article; its refusal as a 422, a failure of the analysis as a logged 500."""
        analyzer = self._ready_analyzer()
        nlp = getattr(analyzer, "nlp", None)
        try:
            # A server sees new words in every article: spaCy's memory zone forgets the strings and lexemes
            # an analysis added, so a long-running worker does not grow with them (the record is plain data).
            with nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext():
                return analyzer.analyze(raw).to_dict()
        except InputError as error:
            raise ApiError(422, error.type, str(error)) from None
        except Exception:
            error_id = new_error_id()
            log.exception("analysis failed (error id %s)", error_id)
            raise ApiError(500, "analysis_failed", f"the analysis failed; the server logged it as {error_id}",
                           error_id) from None

    def analyze_item(self, raw: RawArticle, item_id: str, source: str) -> dict:
        """One /batch item: its record, or its error record (the batch goes on)."""
        try:
            record = self.analyze(raw)
        except ApiError as error:
            return error_record(item_id, source, error.type, error.message)
        record["id"], record["source"] = item_id, source
        return record
