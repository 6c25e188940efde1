"""`veille classify`: one article, as a readable summary or as its JSON record."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from veille.apps.cli.base import MODELS_HELP, app, fail, load_analyzer


@app.command()
def classify(
    path: str = typer.Argument(..., help="Article file (text, HTML or JSON object), or - for stdin."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON (the default when piped)."),
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
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
    if json_output or not sys.stdout.isatty():
        import json

        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        from veille.apps.render import render_record

        render_record(Console(), record)

