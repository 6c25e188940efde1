"""What the server tests share: articles written for them, an analyzer that fails on demand, and the app
served by a real uvicorn on a free port of 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import httpx

CYCLING = ("Le conseil municipal de Lyon a adopté jeudi un plan pour le vélo. "
           "« Nous allons doubler le nombre de pistes cyclables d'ici 2028 », a déclaré Marie Lenoir, "
           "adjointe chargée des mobilités. "
           "Paul Girard, président de l'association des riverains, a estimé que la concertation avait été "
           "insuffisante. « Personne ne nous a demandé notre avis », a-t-il ajouté devant la mairie.")
FAIL_MARK = "FAIL-THIS-ONE"


class FailingAnalyzer:
    """The real analyzer, except on a text holding FAIL_MARK: there the analysis itself breaks."""

    def __init__(self, real):
        self.real, self.models, self.spacy_model = real, real.models, real.spacy_model

    def analyze(self, raw):
        if FAIL_MARK in raw.text:
            raise RuntimeError("a bug in the analysis")
        return self.real.analyze(raw)


def wait_ready(client: httpx.Client | object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if client.get("/health").status_code == 200:
            return
        time.sleep(0.05)
    raise AssertionError("the server did not become ready")


@contextmanager
def live_server(app):
    """The base URL of `app` served by uvicorn on 127.0.0.1 (on a port the system picks) for the block."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_keep_alive=5, http="h11"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 30
            while not server.started and time.monotonic() < deadline:
                time.sleep(0.02)
            wait_ready(client)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
