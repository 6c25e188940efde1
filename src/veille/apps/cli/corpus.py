"""`veille corpus check|stats|agreement`: the labelled corpus."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from veille.apps.cli.base import DEFAULT_CORPUS, corpus_app, fail, stderr


@corpus_app.command("check")
def corpus_check(
    path: Path = typer.Argument(DEFAULT_CORPUS, help="Corpus folder or one .jsonl file."),
    show: int = typer.Option(50, help="How many faults to list at most."),
) -> None:
    """Validate every record: labels, verbatim quote parts, unique ids, near-duplicates."""
    from veille.corpus import CorpusError, check_corpus

    try:
        report = check_corpus(path)
    except CorpusError as error:
        fail(str(error))
    for warning in report.warnings:
        stderr.print(f"[yellow]warning:[/] {warning}", highlight=False)
    for fault in report.faults[:show]:
        stderr.print(str(fault), highlight=False, markup=False)
    if len(report.faults) > show:
        stderr.print(f"… and {len(report.faults) - show} more faults")
    quotes = sum(len(article.quotes) for article in report.articles)
    summary = f"{len(report.articles)} valid articles, {quotes} quotes, {len(report.faults)} faults"
    if report.faults:
        fail(summary)
    stderr.print(f"[green]ok:[/] {summary}", highlight=False)


@corpus_app.command("stats")
def corpus_stats_command(
    path: Path = typer.Argument(DEFAULT_CORPUS, help="Corpus folder or one .jsonl file."),
) -> None:
    """Counts per topic, stance, quote type and pattern, genre, region and length band."""
    from rich.table import Table

    from veille.corpus import CorpusError, corpus_stats, load_corpus

    try:
        articles = load_corpus(path)
    except CorpusError as error:
        fail(str(error))
    out = Console()
    out.print(f"{len(articles)} articles")
    for name, counts in corpus_stats(articles).items():
        table = Table(title=name, title_justify="left", show_header=False)
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            table.add_row(str(key), str(count))
        out.print(table)


# ---- classify -------------------------------------------------------------------------------------


@corpus_app.command("agreement")
def corpus_agreement(
    second: Path = typer.Argument(Path("corpus/agreement/second_annotator.jsonl"),
                                  help="A second annotator's labels (id, topics, stance, quotes)."),
    path: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="The corpus they re-labelled."),
) -> None:
    """Agreement with a second annotator: per-topic F1, stance kappa, quotes and speakers."""
    import json

    from veille.corpus import CorpusError, load_corpus
    from veille.evaluation.agreement import agreement, load_second_annotations

    try:
        report = agreement(load_corpus(path), load_second_annotations(second))
    except (CorpusError, OSError, ValueError) as error:
        fail(str(error))
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2))

