"""`veille serve`: the analyser over HTTP (the app: veille.apps.serve), on uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from veille.apps.cli.base import MODELS_HELP, app, fail, stderr
from veille.apps.serve.settings import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ITEMS,
    DEFAULT_READ_TIMEOUT,
    ENV_VARIABLE,
    Settings,
)

LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Idle keep-alive connections are closed after this many seconds (uvicorn's timeout_keep_alive).
KEEP_ALIVE_SECONDS = 5
# Connections and requests one worker takes at once; beyond, uvicorn answers 503 at once.
LIMIT_CONCURRENCY = 64
# Request line and headers: uvicorn refuses larger ones (h11_max_incomplete_event_size).
MAX_HEADER_BYTES = 16 * 1024
GRACEFUL_SHUTDOWN_SECONDS = 30


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on; 0.0.0.0 exposes the server to the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Worker processes, each loading the pipeline and models once "
                                     "(about 800 MB each); a worker that dies is replaced."),
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Largest request body, in bytes (413 beyond, refused while reading)."),
    max_items: int = typer.Option(DEFAULT_MAX_ITEMS, "--max-items", min=1,
                                  help="Most articles in one /batch request (413 beyond)."),
    read_timeout: float = typer.Option(DEFAULT_READ_TIMEOUT, "--read-timeout", min=0.1,
                                       help="Seconds a request body may take to arrive whole (408 beyond)."),
    proxy_headers: bool = typer.Option(True, "--proxy-headers/--no-proxy-headers",
                                       help="Trust X-Forwarded-For/-Proto from --forwarded-allow-ips."),
    forwarded_allow_ips: str | None = typer.Option(
        None, "--forwarded-allow-ips", show_default=False,
        help="Proxies whose X-Forwarded-* headers are trusted (default: uvicorn's, 127.0.0.1)."),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log"),
) -> None:
    """Serve the analyser over HTTP: POST /analyze, POST /batch, a page at / (see the README)."""
    import uvicorn

    from veille.classify.locate import META_FILE, find_models

    location = find_models(models)
    if not (location.path / META_FILE).is_file():
        fail(f"no trained models in {location}: run `make train` or `veille train`, or give --models")
    if host not in LOOPBACK:
        stderr.print(f"[bold yellow]warning:[/] listening on {host}: anyone who can reach this machine can "
                     "use the server; it has no authentication (put it behind a reverse proxy that has).",
                     highlight=False)
    settings = Settings(models=str(location.path.resolve()), max_bytes=max_bytes, max_items=max_items,
                        read_timeout=read_timeout)
    os.environ[ENV_VARIABLE] = settings.to_env()  # every worker process reads its settings from here
    uvicorn.run("veille.apps.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                timeout_keep_alive=KEEP_ALIVE_SECONDS, limit_concurrency=LIMIT_CONCURRENCY,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS, proxy_headers=proxy_headers,
                forwarded_allow_ips=forwarded_allow_ips, access_log=access_log, http="h11")
