"""The report page: one HTML file that opens offline. plotly.js is inlined once for the whole page, then the
data (counts, capped samples, compressed renderings) as JSON, then the page's own script and style."""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import TextIO

from plotly.offline import get_plotlyjs

from veille.apps.html import STYLE as ARTICLE_STYLE
from veille.apps.report.figures import chart_layouts, page_style

CHARTS = (
    ("Thèmes", ("topics-time", "topics-cooc")),
    ("Réseaux sociaux", ("stance-time", "stance-topic")),
    ("Qui parle", ("speakers-people", "speakers-orgs", "speakers-gender", "speakers-kind")),
    ("Entités, citations, erreurs", ("entities", "quote-types", "errors")),
)


def _json(value) -> str:
    """JSON safe inside a <script> element: no "</" that could close it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _asset(name: str) -> str:
    return files("veille.apps.report").joinpath(name).read_text(encoding="utf-8")


def _sections() -> str:
    parts = []
    for heading, charts in CHARTS:
        divs = "".join(f'<div class="chart" id="{chart}"></div>' for chart in charts)
        parts.append(f'<section class="block"><h2>{escape(heading)}</h2><div class="charts">{divs}</div>')
        if heading == "Réseaux sociaux":
            parts.append('<div id="evidence" class="evidence"><p class="hint">Cliquez une barre d\'un des '
                         "deux graphiques pour lister les phrases des articles qui la composent.</p></div>")
        parts.append("</section>")
    return "\n".join(parts)


BODY = """
<header>
  <h1>{title}</h1>
  <p id="summary" class="summary"></p>
  <form id="filters" class="filters" onsubmit="return false">
    <label>Du <select id="from"></select></label>
    <label>au <select id="to"></select></label>
    <fieldset id="sources"><legend>Sources{field}</legend></fieldset>
    <button type="button" id="reset">Tout</button>
  </form>
</header>
<main>
{sections}
<section class="block"><h2>Citations</h2>
  <p class="notes" id="quote-note"></p>
  <div class="table-tools">
    <input type="search" id="quote-search" placeholder="Chercher un locuteur, un texte, un article…">
    <span id="quote-count"></span>
  </div>
  <table id="quotes"><thead><tr>
    <th data-key="speaker">Locuteur</th><th data-key="kind">Type</th><th data-key="text">Citation</th>
    <th data-key="title">Article</th><th data-key="date">Date</th><th data-key="source">Source</th>
  </tr></thead><tbody></tbody></table>
  <div class="pager"><button type="button" id="prev">‹ Précédent</button><span id="page"></span>
    <button type="button" id="next">Suivant ›</button></div>
</section>
</main>
<dialog id="article"><form method="dialog"><button class="close" aria-label="Fermer">×</button></form>
  <div id="article-body"></div></dialog>
"""


def write_page(out: TextIO, data: dict, title: str) -> None:
    layouts = chart_layouts(data["unit"])
    field = f" ({escape(data['source_field'])})" if data.get("source_field") else ""
    out.write('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
              '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
              f"<title>{escape(title)}</title>\n<style>\n{_asset('report.css')}\n{ARTICLE_STYLE}\n</style>\n")
    out.write("<script>\n")
    out.write(get_plotlyjs())
    out.write("\n</script>\n</head>\n<body>\n")
    out.write(BODY.format(title=escape(title), field=field, sections=_sections()))
    out.write(f'<script type="application/json" id="veille-layouts">{_json(layouts)}</script>\n')
    out.write(f'<script type="application/json" id="veille-style">{_json(page_style())}</script>\n')
    renderings = data.pop("renderings")
    out.write(f'<script type="application/json" id="veille-data">{_json(data)}</script>\n')
    out.write(f'<script type="application/json" id="veille-renderings">{_json(renderings)}</script>\n')
    out.write(f"<script>\n{_asset('report.js')}\n</script>\n</body>\n</html>\n")
