"""veille serve's API through Starlette's TestClient: every endpoint and every status it answers with."""

from __future__ import annotations

import json
import logging
import os
import threading
import warnings

import pytest

from serve_support import CYCLING, FAIL_MARK, FailingAnalyzer, wait_ready
from veille.apps.serve.app import create_app
from veille.apps.serve.settings import Settings

with warnings.catch_warnings():  # Starlette now prefers httpx2 for its TestClient; httpx still works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

LIMITS = Settings(max_bytes=20_000, max_items=5, read_timeout=5)


@pytest.fixture(scope="module")
def client(analyzer):
    with TestClient(create_app(LIMITS, load=lambda: FailingAnalyzer(analyzer))) as client:
        wait_ready(client)
        yield client


def post(client, path, body, content_type="application/json", **kwargs):
    data = json.dumps(body) if not isinstance(body, str | bytes) else body
    return client.post(path, content=data, headers={"Content-Type": content_type}, **kwargs)


def test_health_is_503_until_the_models_are_loaded(analyzer):
    release = threading.Event()

    def slow_load():
        release.wait(30)
        return analyzer

    with TestClient(create_app(LIMITS, load=slow_load)) as client:
        loading = client.get("/health")
        assert loading.status_code == 503 and loading.json()["status"] == "loading"
        release.set()
        wait_ready(client)
        assert client.get("/health").json()["status"] == "ready"


def test_models_that_cannot_load_give_503_and_say_why():
    def broken_load():
        raise RuntimeError("no trained model in /nowhere")

    with TestClient(create_app(LIMITS, load=broken_load)) as client:
        for _ in range(100):
            if client.get("/health").json()["status"] != "loading":
                break
            threading.Event().wait(0.02)
        health = client.get("/health")
        assert health.status_code == 503 and "no trained model" in health.json()["message"]
        refused = post(client, "/analyze", {"text": CYCLING})
        assert refused.status_code == 503 and refused.json()["error"]["type"] == "not_ready"
        assert post(client, "/batch", '{"text": "x"}\n', "application/x-ndjson").status_code == 503


def test_version_names_the_models_and_the_limits(client):
    version = client.get("/version").json()
    assert version["schema"] == "veille.article/1" and version["classifier"]
    assert version["limits"] == {"max_bytes": 20_000, "max_items": 5, "read_timeout": 5}
    assert version["labels"]["topics"]["economie"] == "Économie"


def test_analyze_a_json_object_returns_the_record_with_its_text(client):
    response = post(client, "/analyze", {"text": CYCLING, "title": "Le plan vélo", "date": "2025-05-15",
                                         "id": "velo-69"})
    assert response.status_code == 200
    assert response.headers["X-Veille-Worker"] == str(os.getpid())
    record = response.json()
    assert record["schema"] == "veille.article/1" and record["id"] == "velo-69"
    assert record["title"] == "Le plan vélo" and record["text"] == CYCLING
    assert record["topics"] and record["stance"]["label"]
    speakers = {quote["speaker"] for quote in record["quotes"]}
    assert "Marie Lenoir" in speakers
    for quote in record["quotes"]:
        for start, end in quote["parts"]:
            assert record["text"][start:end] in quote["text"]


def test_plain_text_stays_text_and_html_is_extracted(client):
    plain = post(client, "/analyze", "{ce texte commence par une accolade} " + CYCLING, "text/plain")
    assert plain.status_code == 200 and plain.json()["text"].startswith("{ce texte")
    page = (f"<html><head><title>Plan vélo à Lyon</title></head><body><nav>Accueil Menu</nav>"
            f"<article><p>{CYCLING}</p></article></body></html>")
    html = post(client, "/analyze", page.encode("utf-8"), "text/html; charset=utf-8")
    assert html.status_code == 200
    assert html.json()["title"] == "Plan vélo à Lyon" and "Marie Lenoir" in html.json()["text"]
    latin = post(client, "/analyze", CYCLING.encode("cp1252"), "text/plain")
    assert latin.status_code == 200 and latin.json()["text"] == CYCLING


def test_analyze_as_html_gives_the_classify_html_fragment(client):
    response = client.post("/analyze?format=html", json={"text": CYCLING})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "SPEAKER" in response.text and "Marie Lenoir" in response.text
    assert "<html" not in response.text, "a fragment, not a page"
    assert client.post("/analyze?format=pdf", json={"text": CYCLING}).status_code == 422


def test_render_turns_a_record_into_the_fragment_with_the_text_escaped(client):
    record = post(client, "/analyze", {"text": CYCLING + " <script>alert(1)</script> <img src=x onerror=y>"})
    fragment = client.post("/render", json=record.json())
    assert fragment.status_code == 200 and "direct · Marie Lenoir" in fragment.text
    assert "<script>alert" not in fragment.text and "<img" not in fragment.text
    assert client.post("/render", json={"title": "no text"}).status_code == 422
    assert post(client, "/render", {"text": "x", "topics": 3}).status_code == 422
    assert post(client, "/render", "{}", "text/plain").status_code == 415


@pytest.mark.parametrize("content_type", ["application/xml", "multipart/form-data", ""])
def test_a_wrong_content_type_is_415(client, content_type):
    response = post(client, "/analyze", {"text": CYCLING}, content_type)
    assert response.status_code == 415
    assert response.json()["error"]["type"] == "unsupported_media_type"
    assert "text/plain" in response.json()["error"]["message"]


@pytest.mark.parametrize(("body", "content_type", "error_type"), [
    ('{"text": "unfinished', "application/json", "invalid_json"),
    ("[1, 2]", "application/json", "invalid_json"),
    ({"title": "no text"}, "application/json", "empty"),
    ({"text": "   "}, "application/json", "empty"),
    ("", "text/plain", "empty"),
    (b"\x00\x01\x02binary\x00", "text/plain", "binary"),
    ("<html><body><nav>Menu</nav></body></html>", "text/html", "empty"),
])
def test_broken_json_or_no_text_is_422(client, body, content_type, error_type):
    response = post(client, "/analyze", body, content_type)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["type"] == error_type


def test_a_body_over_the_limit_is_413(client):
    response = post(client, "/analyze", "mot " * 10_000, "text/plain")
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["type"] == "too_large" and "20,000" in error["message"]


def test_an_analysis_failure_is_500_with_a_logged_id_and_the_server_goes_on(client, caplog):
    with caplog.at_level(logging.ERROR, logger="veille.serve"):
        response = post(client, "/analyze", {"text": f"{CYCLING} {FAIL_MARK}"})
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["type"] == "analysis_failed" and len(error["id"]) == 12
    assert "a bug in the analysis" not in error["message"], "the details go to the log, not to the client"
    assert any(error["id"] in record.getMessage() and record.exc_info for record in caplog.records)
    assert post(client, "/analyze", {"text": CYCLING}).status_code == 200


def test_batch_gives_one_line_per_item_in_order_with_error_records(client):
    lines = [json.dumps({"id": "velo", "text": CYCLING}), "not json", json.dumps({"id": "vide", "text": ""}),
             "", json.dumps({"text": f"{CYCLING} {FAIL_MARK}"}), json.dumps({"text": CYCLING, "title": "T"})]
    response = post(client, "/batch", "\n".join(lines) + "\n", "application/x-ndjson")
    assert response.status_code == 200 and response.headers["content-type"] == "application/x-ndjson"
    out = [json.loads(line) for line in response.text.splitlines()]
    assert [line["id"] for line in out] == ["velo", "<request>:2", "vide", "<request>:5", "<request>:6"]
    assert [line.get("error", {}).get("type") for line in out] == [
        None, "bad_record", "empty", "analysis_failed", None]
    assert out[0]["text"] == CYCLING and out[4]["title"] == "T"
    assert out[3]["schema"] == "veille.article/1" and out[3]["source"] == "<request>:5"


def test_batch_refuses_too_many_items_and_other_content_types(client):
    many = "".join(json.dumps({"text": CYCLING}) + "\n" for _ in range(6))
    response = post(client, "/batch", many, "application/x-ndjson")
    assert response.status_code == 413 and response.json()["error"]["type"] == "too_many_items"
    assert "--max-items" in response.json()["error"]["message"]
    assert post(client, "/batch", many, "application/json").status_code == 415


def test_unknown_paths_and_methods_answer_in_json(client):
    assert client.get("/nowhere").json()["error"]["type"] == "not_found"
    wrong = client.get("/analyze")
    assert wrong.status_code == 405 and wrong.json()["error"]["type"] == "method_not_allowed"
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/app.py").status_code == 404


def test_docs_and_page_need_no_outside_network(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/analyze" in docs.text and "/batch" in docs.text
    assert client.get("/openapi.json").json()["paths"]["/analyze"]["post"]["requestBody"]
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assets = [client.get(f"/static/{name}").text for name in ("app.js", "style.css")]
    for text in (docs.text, page.text, *assets):
        assert "http://" not in text and "https://" not in text and "//cdn" not in text
