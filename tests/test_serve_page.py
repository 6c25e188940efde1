"""The page at / as a person uses it: a real headless Chromium (Debian's, driven by Playwright) on a real
server; paste an article, analyse, see the quotes and their speakers highlighted and the topics, download
the JSON. Skipped, with the reason, where there is no chromium or no Playwright."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from serve_support import CYCLING, live_server
from veille.apps.serve.app import create_app
from veille.apps.serve.settings import Settings

CHROMIUM = next((path for path in ("/usr/bin/chromium", shutil.which("chromium"),
                                   shutil.which("chromium-browser")) if path and Path(path).exists()), None)
# Where a person (or the engineer) looks at the last rendering, beside the test's own copy.
SHARED_SCREENSHOT = Path("/tmp/serve-page.png")

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="no chromium to drive headless (apt install chromium)")
# What a person dropping a file on the form does: a drop event carrying the file.
DROP = """([content, name, type]) => {
    const transfer = new DataTransfer();
    const bytes = typeof content === "string" ? content : new Uint8Array(content);
    transfer.items.add(new File([bytes], name, {type}));
    const drop = new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true});
    document.getElementById("form").dispatchEvent(drop);
}"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as playwright:
        # The system's chromium: no browser is downloaded (`playwright install` is never run).
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base(analyzer):
    with live_server(create_app(Settings(), load=lambda: analyzer)) as base:
        yield base


def test_a_pasted_article_comes_back_highlighted_with_its_topics(browser, base, tmp_path):
    page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((base, "blob:", "data:")) else None)
    page.goto(base + "/")
    page.fill("#title", "Lyon double ses pistes cyclables")
    page.fill("#text", CYCLING)
    page.click("#analyse")
    page.wait_for_selector("#result .veille-article", timeout=60_000)
    assert "Terminé" in page.inner_text("#status")

    result = page.inner_text("#result")
    assert "Lyon double ses pistes cyclables" in result
    assert "direct · Marie Lenoir" in result and "SPEAKER" in result, "quotes and speakers are marked"
    # displaCy's labels, on the colours of veille.apps.html: a direct quote's, a speaker's.
    labels = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#result .spans span')]
        .filter((s) => s.children.length === 0 && s.textContent.trim())
        .map((s) => [s.textContent.trim(), getComputedStyle(s).backgroundColor]))""")
    assert labels["direct · Marie Lenoir"] == "rgb(255, 209, 102)"
    assert labels["SPEAKER"] == "rgb(255, 159, 189)"
    quotes = page.inner_text("#quotes")
    assert "Marie Lenoir" in quotes and "doubler le nombre de pistes cyclables" in quotes
    assigned = page.locator("#topics tr.assigned")
    assert assigned.count() >= 1 and page.locator("#topics tr").count() >= 10
    assert "Thèmes" in result and "Réseaux sociaux" in result, "topics and stance above the text"

    with page.expect_download() as download:
        page.click("#download")
    record = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert record["text"] == CYCLING and record["schema"] == "veille.article/1"

    page.screenshot(path=str(tmp_path / "serve-page.png"), full_page=True)
    page.screenshot(path=str(SHARED_SCREENSHOT), full_page=True)
    assert not outside, f"the page fetched from outside the server: {outside}"
    page.close()


def test_a_dropped_html_file_is_analysed_and_errors_are_shown(browser, base):
    page = browser.new_page()
    page.goto(base + "/")
    html = f"<html><head><title>Plan vélo</title></head><body><article><p>{CYCLING}</p></article></body>"
    page.evaluate(DROP, [html + "</html>", "velo.html", "text/html"])
    page.wait_for_selector("#result .veille-article", timeout=60_000)
    assert "Plan vélo" in page.inner_text("#result")

    page.fill("#text", "   ")
    page.click("#analyse")
    assert "Collez" in page.inner_text("#status")
    page.evaluate(DROP, [[0, 1, 2, 0, 0], "image.png", "image/png"])
    page.wait_for_selector("#status.error", timeout=30_000)
    assert "422" in page.inner_text("#status")
    page.close()
