"""`veille train`, `evaluate` and `info`: the topic and stance models and the quote extractor."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from veille.apps.cli.base import (
    DEFAULT_CORPUS,
    MODELS_HELP,
    app,
    fail,
    load_analyzer,
    load_analyzer_without_models,
    stderr,
    training_corpus_or_fail,
)
from veille.apps.cli.realpress import NO_REAL_HELP, REAL_HELP, pool_location, real_press_errors


@app.command()
def train(
    corpus: Path = typer.Argument(DEFAULT_CORPUS, help="corpus/ folder, or a JSON Lines or CSV file "
                                                        "with text and label columns."),
    output: Path | None = typer.Option(
        None, "-o", "--output", show_default=False,
        help="Where to write the models (default: where classify looks: $VEILLE_MODELS, else the checkout's "
             "models/, else the user data folder)."),
    cross_validation: bool = typer.Option(True, "--cv/--no-cv", help="Also report 5-fold figures."),
    real: Path | None = typer.Option(None, "--real", help=REAL_HELP, show_default=False),
    no_real: bool = typer.Option(False, "--no-real", help=NO_REAL_HELP),
) -> None:
    """Train the topic and stance models (on the corpus only), evaluate them, write models/ with a model
    card."""
    from veille.classify.card import evaluation_tables
    from veille.classify.locate import training_destination
    from veille.training import train as run_training

    output = training_destination(output).path
    articles = training_corpus_or_fail(corpus)
    location = pool_location(real, no_real)
    with stderr.status("training…") as status:
        meta = real_press_errors(lambda: run_training(
            articles, output, progress=lambda message: status.update(message),
            cross_validation=cross_validation, real_press=location))
    typer.echo(evaluation_tables(meta["metrics"]))
    stderr.print(f"[green]models written to {output}/[/] in {meta['timing_seconds']['total']} s "
                 f"(see {output}/MODEL_CARD.md)", highlight=False)


@app.command()
def evaluate(
    what: str = typer.Argument("models", help="models (topics and stance), quotes, or agreement (real "
                                             "press: first against blind second labels)."),
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="The labelled corpus."),
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
    errors: int = typer.Option(0, "--errors", help="With quotes: list this many misses and mistakes."),
    real: Path | None = typer.Option(None, "--real", help=REAL_HELP, show_default=False),
    no_real: bool = typer.Option(False, "--no-real", help=NO_REAL_HELP),
) -> None:
    """Score the trained models (or the quote extractor) on the held-out and challenge sets, and on real
    press when a pool is there."""
    if what not in ("models", "quotes", "agreement"):
        fail(f"cannot evaluate {what!r}: choose models, quotes or agreement", code=2)
    location = pool_location(real, no_real)
    if what == "agreement":
        from veille.apps.cli.realpress import agreement

        agreement(location)
        return
    articles = training_corpus_or_fail(corpus)
    if what == "quotes":
        from veille.evaluation.quotes import evaluate_quotes, format_quote_report

        analyzer = load_analyzer_without_models()
        with stderr.status("extracting quotes…"):
            report = evaluate_quotes(analyzer, articles)
        typer.echo(format_quote_report(report, errors))
        if location is not None:
            from veille.apps.cli.realpress import real_quotes

            typer.echo(real_quotes(analyzer, location, errors))
        return
    from veille.classify.card import evaluation_tables
    from veille.corpus import split_articles
    from veille.training import evaluate_split, model_inputs

    analyzer = load_analyzer(models)
    split = split_articles(articles)
    metrics = {}
    with stderr.status("evaluating…"):
        for name in ("test", "challenge"):
            if split[name]:
                inputs = model_inputs(analyzer, split[name])
                metrics[name] = evaluate_split(analyzer.models.topics, analyzer.models.stance, inputs,
                                               split[name], split["train"])
    if location is not None:
        from veille.training import evaluate_real_press

        with stderr.status("evaluating on real press…") as status:
            metrics["real_press"] = real_press_errors(lambda: evaluate_real_press(
                analyzer.models.topics, analyzer.models.stance, analyzer, location, split["train"],
                progress=lambda message: status.update(message)))
    typer.echo(evaluation_tables(metrics))



@app.command()
def info(
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
) -> None:
    """Versions, and the models folder in use: where it is, why, and what it holds."""
    import json

    from veille import __version__
    from veille.classify.locate import find_models

    out = Console()
    out.print(f"veille {__version__}")
    location = find_models(models)
    meta_path = location.path / "meta.json"
    out.print(f"models folder: {location.path} ({location.reason})", highlight=False)
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        out.print(f"models: sha256 {meta.get('sha256', '?')[:12]}…, trained on "
                  f"{meta.get('corpus', {}).get('articles', '?')} articles with "
                  f"{meta.get('versions', {})}", highlight=False)
    else:
        out.print("models: none there (train them with `veille train`, or `make train` in a checkout)")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output records (veille.article/1)."""
    import json

    from veille.record import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
