"""veille report: the page built from analysed corpus articles, its counts, bad inputs, and the page opened
in headless Chromium with the network off (charts drawn, the quote table searched, a filter applied)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veille.apps.cli import app
from veille.input.decode import RawArticle

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = ("Le Quotidien", "La Gazette")
CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)), None)
# Set to a path (docs/report.png) to keep the browser test's screenshot.
SCREENSHOT = os.environ.get("VEILLE_REPORT_SCREENSHOT")


@pytest.fixture(scope="module")
def results(analyzer, corpus_articles, tmp_path_factory) -> Path:
    """A batch-like output over twelve corpus articles (two outlets, dates over four months), an error
    record and a record written without its text."""
    articles = [a for a in corpus_articles if a.stance != "sans_objet"][:8] + \
        [a for a in corpus_articles if a.stance == "sans_objet"][:4]
    path = tmp_path_factory.mktemp("report") / "results.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n, article in enumerate(articles):
            raw = RawArticle(text=article.text, id=article.id, source="corpus", title=article.title)
            record = analyzer.analyze(raw).to_dict()
            record["date"] = f"2025-0{1 + n % 4}-1{n % 10}"
            record["fields"] = {"outlet": OUTLETS[n % 2]}
            if n == 0:
                del record["text"]  # as batch --no-text writes it
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"schema": "veille.article/1", "id": "x", "source": "x",
                                 "error": {"type": "empty", "message": "no text"}}) + "\n")
    return path


def report(*args: str):
    return CliRunner().invoke(app, ["report", *map(str, args)])


def page_data(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="veille-data">')
    start = html.index(">", start) + 1
    return json.loads(html[start: html.index("</script>", start)].replace("<\\/", "</"))


def test_the_report_counts_the_articles_and_not_the_error_records(results, tmp_path):
    out = tmp_path / "report.html"
    result = report(results, "-o", out)
    assert result.exit_code == 0, result.output
    data = page_data(out)
    assert sum(cell["n"] for cell in data["cells"]) == 12
    assert data["totals"]["errors"] == {"empty": 1}
    assert data["sources"] == list(OUTLETS) and data["source_field"] == "outlet"
    assert data["unit"] == "week" and len(data["bins"]) >= 12  # four months: by week
    assert data["quotes"] and data["evidence"] and data["totals"]["rendered"] > 0
    html = out.read_text(encoding="utf-8")
    assert html.count("Plotly.register") < 50 and html.count('<script type="application/json"') == 4
    assert "http://" not in html.split("veille-data")[1][:2000]  # the data fetch nothing
    assert "empty" in result.output


def test_a_broken_line_is_reported_with_its_number_and_skipped(results, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(results.read_text(encoding="utf-8") + "{not json\n[1, 2]\n", encoding="utf-8")
    result = report(broken, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert f"{broken}:14: not JSON" in result.output and f"{broken}:15: not a JSON object" in result.output
    assert page_data(tmp_path / "r.html")["totals"]["bad_lines"] == 2


def test_an_empty_input_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = report(empty, "-o", tmp_path / "r.html")
    assert result.exit_code == 1 and "no record" in result.output
    assert not (tmp_path / "r.html").exists()
    errors_only = tmp_path / "errors.jsonl"
    errors_only.write_text('{"id": "a", "error": {"type": "empty", "message": "x"}}\n', encoding="utf-8")
    result = report(errors_only, "-o", tmp_path / "r.html")
    assert result.exit_code == 1 and "no analysed article" in result.output


def test_an_existing_output_is_kept_without_force(results, tmp_path):
    out = tmp_path / "r.html"
    out.write_text("mine", encoding="utf-8")
    refused = report(results, "-o", out)
    assert refused.exit_code == 1 and "--force" in refused.output and out.read_text() == "mine"
    assert report(results, "-o", out, "--force").exit_code == 0 and out.read_text() != "mine"
    assert report(results, "-o", results, "--force").exit_code == 1


def test_samples_are_cut_evenly_across_cells():
    from datetime import date

    from veille.apps.report.samples import Capped

    capped = Capped(per_cell=10)
    for day in range(1, 6):
        for n in range(10 if day != 3 else 2):
            capped.offer((date(2025, 1, day), 0), (day, n))
    kept = capped.cut(20)
    # The largest equal share that fits: four of each day, the two of day 3.
    assert len(kept) == 18 and {day for day, _ in kept} == {1, 2, 3, 4, 5}
    assert kept[0][0] == 5  # the most recent day first


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH to open the report headless")
def test_the_report_opens_offline_and_reacts(results, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    out = tmp_path / "report.html"
    assert report(results, "-o", out).exit_code == 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 1800})
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(out.as_uri())
        page.wait_for_function("window.veilleReport !== undefined")
        assert errors == [] and all(url.startswith("file:") for url in requests), (errors, requests)
        # Every chart has drawn.
        drawn = page.evaluate("[...document.querySelectorAll('.chart')].map(d => "
                              "[d.id, d.querySelectorAll('.main-svg').length, (d.data || []).length])")
        assert len(drawn) == 11 and all(svgs > 0 and traces > 0 for _, svgs, traces in drawn), drawn
        # The quote table searches.
        rows = int(page.inner_text("#quote-count").split()[0])
        speaker = page.inner_text("#quotes tbody tr >> nth=0 >> td >> nth=0").split(" (")[0]
        page.fill("#quote-search", speaker)
        page.wait_for_timeout(400)
        assert 0 < int(page.inner_text("#quote-count").split()[0]) < rows
        page.fill("#quote-search", "")
        page.wait_for_timeout(400)
        # A filter changes the charts: one outlet only.
        total = ("document.getElementById('topics-time').data"
                 ".reduce((s, t) => s + t.y.reduce((a, b) => a + b, 0), 0)")
        before = page.evaluate(total)
        page.uncheck("#sources input >> nth=1")
        page.wait_for_timeout(300)
        assert 0 < page.evaluate(total) < before
        assert int(page.inner_text("#quote-count").split()[0]) < rows
        page.check("#sources input >> nth=1")
        page.wait_for_timeout(300)
        # Clicking a stance bar lists the evidence sentences of the articles behind it.
        page.evaluate("window.scrollTo(0, 0)")  # the search box scrolled the page: back to the charts
        bars = page.locator("#stance-time g.trace.bars").first.locator("g.point path")  # the favourable bars
        box = max((bars.nth(n).bounding_box() for n in range(bars.count())), key=lambda b: b["height"])
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)  # Plotly finds the bar under the mouse on hover, then takes the click
        page.wait_for_timeout(200)
        page.mouse.click(x, y)
        page.wait_for_selector("#evidence h3")
        assert page.inner_text("#evidence h3").startswith("Favorable")
        assert page.locator("#evidence li").count() > 0
        page.click("#quotes tbody tr >> nth=0 >> button.link")
        page.wait_for_selector("#article-body .veille-article")
        page.keyboard.press("Escape")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        if SCREENSHOT:
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOT, full_page=False)
        browser.close()
