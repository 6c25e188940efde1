"""`veille classify`: one article, as a readable summary or as its JSON record."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from veille.apps.cli.base import MODELS_HELP, app, fail, load_analyzer, stderr


@app.command()
def classify(
    path: str = typer.Argument(..., help="Article file (text, HTML or JSON object), or - for stdin."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON (the default when piped)."),
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
    html: Path | None = typer.Option(
        None, "--html", show_default=False,
        help="Also write the article as a self-contained HTML page (entities, quotes, speakers marked)."),
) -> None:
    """Analyse one article: topics, stance toward social media, entities, quotes."""
    from veille.input.decode import InputError, read_article

    try:
        raw = read_article(path)
    except InputError as error:
        fail(str(error))
    analyzer = load_analyzer(models)
    try:
        record = analyzer.analyze(raw).to_dict()
    except InputError as error:
        fail(str(error))
    if html is not None:
        write_html(record, html)
    if json_output or not sys.stdout.isatty():
        import json

        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        from veille.apps.render import render_record

        render_record(Console(), record)


def write_html(record: dict, path: Path) -> None:
    from veille.apps.html import render_html

    try:
        path.write_text(render_html(record), encoding="utf-8")
    except OSError as error:
        fail(f"{path}: cannot be written ({error.strerror})")
    stderr.print(f"HTML page written to {path}", highlight=False)
