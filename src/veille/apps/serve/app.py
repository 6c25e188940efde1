"""The routes. create_app() builds the app around one Engine (the analyser of this worker process);
app_from_env() is what uvicorn imports in every worker that `veille serve` starts."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from importlib.resources import files

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from veille import __version__
from veille.apps.batch import item_article
from veille.apps.serve import docs, errors
from veille.apps.serve.engine import Engine
from veille.apps.serve.errors import ApiError
from veille.apps.serve.inputs import (
    ARTICLE_TYPES,
    BATCH_TYPES,
    article_from_body,
    batch_items,
    json_object,
    media_type,
    unsupported,
)
from veille.apps.serve.limits import BodyLimit
from veille.apps.serve.settings import Settings
from veille.labels import STANCES, TOPICS
from veille.record import SCHEMA

# The page's own files, read once; served by name, so no request names a file on disk.
STATIC = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
# Scripts and styles only from the server itself: the page runs no script that an analysed text carries.
# (displaCy's marks and the rendered fragment use inline style attributes.)
PAGE_HEADERS = {"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self' "
                "'unsafe-inline'; connect-src 'self'; img-src 'self' blob: data:; base-uri 'none'; "
                "form-action 'none'; frame-ancestors 'none'", "X-Content-Type-Options": "nosniff"}
ERRORS = {status: {"description": description, "content": {"application/json": {"example": example}}}
          for status, description, example in (
              (413, "body over --max-bytes (or a /batch over --max-items)",
               {"error": {"type": "too_large", "message": "…"}}),
              (415, "a content type the endpoint does not read",
               {"error": {"type": "unsupported_media_type", "message": "…"}}),
              (422, "broken JSON, no text, an empty or binary body",
               {"error": {"type": "empty", "message": "…"}}),
              (500, "the analysis failed: logged under the error id",
               {"error": {"type": "analysis_failed", "message": "…", "id": "3f2a9c0d1e4b"}}),
              (503, "the models are not loaded", {"error": {"type": "not_ready", "message": "…"}}))}
ARTICLE_BODY = {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
        "text": {"type": "string"}, "title": {"type": "string"}, "date": {"type": "string"},
        "id": {"type": "string"}}}},
    "text/html": {"schema": {"type": "string"}}, "text/plain": {"schema": {"type": "string"}}}}
BATCH_BODY = {"required": True, "content": {"application/x-ndjson": {"schema": {
    "type": "string", "description": 'one JSON object a line: {"text", "title"?, "date"?, "id"?}'}}}}


def create_app(settings: Settings | None = None, load: Callable[[], object] | None = None) -> FastAPI:
    """The app; `load` returns the Analyzer (default: Analyzer.load of the settings' models folder)."""
    settings = settings or Settings()
    if load is None:
        from veille.analyzer import Analyzer

        load = partial(Analyzer.load, settings.models)
    engine = Engine(load)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        yield
        engine.close()

    # FastAPI's own /docs loads Swagger UI from a CDN: docs.py serves a page of our own instead.
    app = FastAPI(title="veille", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="French-language news analysis: entities, quotes and their speakers, topics, "
                              "stance toward social media. Records: veille.article/1 (`veille schema`).")
    app.state.engine, app.state.settings = engine, settings
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_bytes, read_timeout=settings.read_timeout)
    _page_routes(app)
    _service_routes(app, engine, settings)
    _analysis_routes(app, engine, settings)
    docs.install(app)
    return app


def app_from_env() -> FastAPI:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     [%(process)d] %(name)s: %(message)s")
    return create_app(Settings.from_env())


def _page_routes(app: FastAPI) -> None:
    assets = files("veille.apps.serve").joinpath("static")
    page = assets.joinpath("index.html").read_bytes()
    static = {name: assets.joinpath(name).read_bytes() for name in STATIC}

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return HTMLResponse(page, headers=PAGE_HEADERS)

    @app.get("/static/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        if name not in static:
            raise ApiError(404, "not_found", f"no such asset: {name}")
        return Response(static[name], media_type=STATIC[name], headers={"Cache-Control": "no-cache"})


def _service_routes(app: FastAPI, engine: Engine, settings: Settings) -> None:
    @app.get("/health", summary="Ready to analyse?",
             responses={503: {"description": "still loading the models, or they could not be loaded"}})
    async def health() -> JSONResponse:
        """200 once this worker has loaded the pipeline and the models; 503 before, or when they failed."""
        body = {"status": engine.state, "pid": os.getpid()}
        if engine.failure:
            body["message"] = engine.failure
        return JSONResponse(body, status_code=200 if engine.state == "ready" else 503)

    @app.get("/version", summary="Versions and limits")
    async def version() -> JSONResponse:
        analyzer = engine.analyzer
        models = getattr(analyzer, "models", None)
        return JSONResponse({
            "veille": __version__, "schema": SCHEMA,
            "spacy_model": getattr(analyzer, "spacy_model", None),
            "classifier": getattr(models, "digest", None),
            "limits": {"max_bytes": settings.max_bytes, "max_items": settings.max_items,
                       "read_timeout": settings.read_timeout},
            "labels": {"topics": TOPICS, "stances": STANCES}})


def _analysis_routes(app: FastAPI, engine: Engine, settings: Settings) -> None:
    @app.post("/analyze", summary="Analyse one article", responses=ERRORS,
              openapi_extra={"requestBody": ARTICLE_BODY})
    async def analyze(request: Request, format: str = Query("json", pattern="^(json|html)$")) -> Response:
        """A JSON object `{"text", "title"?, "date"?, "id"?}`, an HTML page (`text/html`) or a plain text
        (`text/plain`) in; its `veille.article/1` record out, or with `format=html` the article highlighted
        as `classify --html` shows it (an HTML fragment)."""
        media = media_type(request.headers.get("content-type"))
        if media not in ARTICLE_TYPES and not media.endswith("+json"):
            raise unsupported(media, ARTICLE_TYPES)
        raw = article_from_body(media, await request.body())
        record = await engine.run(engine.analyze, raw)
        if format == "html":
            return HTMLResponse(await run_in_threadpool(_fragment, record), headers=_worker())
        return JSONResponse(record, headers=_worker())

    @app.post("/render", summary="A record as highlighted HTML", responses=ERRORS,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object"}}}}})
    async def render(request: Request) -> HTMLResponse:
        """A `veille.article/1` record (as /analyze returns it) in; the HTML fragment of `classify --html`
        out: the text with entities, quotes and speakers marked, topics and stance above."""
        media = media_type(request.headers.get("content-type"))
        if media != "application/json":
            raise unsupported(media, ("application/json",))
        record = json_object(await request.body())
        if not isinstance(record.get("text"), str) and "error" not in record:
            raise ApiError(422, "invalid", "not a veille.article/1 record: it has no 'text'")
        return HTMLResponse(await run_in_threadpool(_fragment, record))

    @app.post("/batch", summary="Analyse JSON Lines, streamed back", responses=ERRORS,
              openapi_extra={"requestBody": BATCH_BODY})
    async def batch(request: Request) -> StreamingResponse:
        """JSON Lines in (`{"text", "title"?, "date"?, "id"?}` a line), JSON Lines out as they are ready: one
        line per item, in order, the record or an error record as `veille batch` writes them."""
        media = media_type(request.headers.get("content-type"))
        if media not in BATCH_TYPES:
            raise unsupported(media, BATCH_TYPES)
        engine.check_ready()  # a stream already under way could only say so line by line
        items = batch_items(await request.body(), settings.max_items)

        async def lines() -> AsyncIterator[bytes]:
            for item in items:
                article = item_article(item)
                if not isinstance(article, dict):
                    article = await engine.run(engine.analyze_item, article, item.id, item.source)
                yield (json.dumps(article, ensure_ascii=False) + "\n").encode("utf-8")

        return StreamingResponse(lines(), media_type="application/x-ndjson", headers=_worker())


def _worker() -> dict[str, str]:
    """Which worker process answered (as /health says): a keep-alive connection stays with one, and the
    load test tells by it which requests were on a worker it kills."""
    return {"X-Veille-Worker": str(os.getpid())}


def _fragment(record: dict) -> str:
    from veille.apps.html import render_html

    try:
        return render_html(record, page=False)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ApiError(422, "invalid", f"not a veille.article/1 record ({type(error).__name__}: {error})") \
            from None
