"""veille serve on a real uvicorn, over sockets: limits enforced while the body is read, a slow client cut
off, /batch streamed; and the command line that starts it."""

from __future__ import annotations

import json
import select
import socket
import time
from urllib.parse import urlsplit

import httpx
import pytest
from typer.testing import CliRunner

from serve_support import CYCLING, live_server
from veille.apps.cli import app as cli
from veille.apps.serve.app import create_app
from veille.apps.serve.settings import ENV_VARIABLE, Settings

LIMITS = Settings(max_bytes=50_000, max_items=5, read_timeout=1.0)


@pytest.fixture(scope="module")
def base(analyzer):
    with live_server(create_app(LIMITS, load=lambda: analyzer)) as base:
        yield base


def connect(base: str) -> socket.socket:
    url = urlsplit(base)
    return socket.create_connection((url.hostname, url.port), timeout=10)


def read_response(sock: socket.socket) -> tuple[int, str]:
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(base):
    with connect(base) as sock:
        sock.sendall(b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 10000000\r\n\r\n")
        status, body = read_response(sock)
    assert status == 413 and "too_large" in body


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(base):
    chunk = b"%x\r\n%s\r\n" % (8192, b"a" * 8192)
    sent = 0
    with connect(base) as sock:
        sock.sendall(b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        try:
            while sent < 5_000_000 and not select.select([sock], [], [], 0.01)[0]:
                sock.sendall(chunk)
                sent += 8192
        except (BrokenPipeError, ConnectionResetError):
            pass
        status, body = read_response(sock)
    assert status == 413 and "over the limit of 50,000 bytes" in body
    assert sent < 1_000_000, "the server stopped reading long before the client stopped sending"


def test_a_client_that_stops_sending_is_cut_off_with_408(base):
    with connect(base) as sock:
        sock.sendall(b"POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 1000\r\n\r\nLe maire")
        started = time.monotonic()
        status, body = read_response(sock)
        waited = time.monotonic() - started
        assert sock.recv(100) == b"", "the connection is closed after the refusal"
    assert status == 408 and "within 1 s" in body
    assert waited < 10


def test_batch_is_streamed_as_json_lines(base):
    lines = "".join(json.dumps({"id": f"a{n}", "text": CYCLING}) + "\n" for n in range(3))
    with httpx.Client(base_url=base, timeout=60) as client, client.stream(
            "POST", "/batch", content=lines, headers={"Content-Type": "application/x-ndjson"}) as response:
        assert response.status_code == 200
        assert response.headers.get("transfer-encoding") == "chunked"
        records = [json.loads(line) for line in response.iter_lines() if line]
    assert [record["id"] for record in records] == ["a0", "a1", "a2"]


def test_serve_binds_to_loopback_and_passes_the_limits_to_its_workers(monkeypatch, models_dir):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: calls.append((target, options)))
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    result = CliRunner().invoke(cli, ["serve", "--models", str(models_dir), "--max-bytes", "1000",
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    target, options = calls[0]
    assert target == "veille.apps.serve.app:app_from_env" and options["factory"]
    assert options["host"] == "127.0.0.1" and options["workers"] == 2
    assert options["timeout_keep_alive"] == 5 and options["limit_concurrency"]
    assert "warning" not in result.output
    settings = Settings.from_env()
    assert settings.max_bytes == 1000 and settings.models == str(models_dir.resolve())


def test_serve_warns_when_exposed_and_fails_without_models(monkeypatch, models_dir, tmp_path):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda target, **options: None)
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    exposed = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--models", str(models_dir)])
    assert exposed.exit_code == 0 and "warning" in exposed.output and "0.0.0.0" in exposed.output
    missing = CliRunner().invoke(cli, ["serve", "--models", str(tmp_path)])
    assert missing.exit_code == 1 and "no trained models" in missing.output
