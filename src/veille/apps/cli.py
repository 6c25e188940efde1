"""The command line: parse arguments, call the core, print, map errors to exit codes.

Heavy modules (spaCy, scikit-learn) are imported inside the commands so that `--help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(help="veille: analyse French-language news articles.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
corpus_app = typer.Typer(help="Check and describe the labelled corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

stderr = Console(stderr=True, soft_wrap=True)
DEFAULT_CORPUS = Path("corpus")


def fail(message: str, code: int = 1) -> None:
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


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

def _load_analyzer(models: Path):
    from veille.analyzer import Analyzer
    from veille.classify.persist import ModelError
    from veille.nlp.pipeline import PipelineError

    try:
        return Analyzer.load(models)
    except ModelError as error:
        fail(str(error))
    except PipelineError as error:
        fail(str(error))


@app.command()
def classify(
    path: str = typer.Argument(..., help="Article file (text, HTML or JSON object), or - for stdin."),
    json_output: bool = typer.Option(False, "--json", help="Print JSON (the default when piped)."),
    models: Path = typer.Option(Path("models"), "--models", help="Folder of the trained models."),
) -> None:
    """Analyse one article: topics, stance toward social media, entities, quotes."""
    from veille.input.decode import InputError, read_article

    try:
        raw = read_article(path)
    except InputError as error:
        fail(str(error))
    analyzer = _load_analyzer(models)
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


@app.command()
def batch(
    inputs: list[Path] = typer.Argument(..., help="Files, folders, .zip/.tar(.gz|.bz2|.xz) archives, "
                                                  "JSON Lines or CSV exports, in any mix."),
    output: Path = typer.Option(..., "-o", "--output", help="Where to write the results."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (the contract) or csv (one row each)."),
    glob: str = typer.Option("*", "--glob", help="Which files of folders and archives to read."),
    text_field: str = typer.Option("text", "--text-field", help="The text field of JSONL/CSV records."),
    id_field: str = typer.Option("id", "--id-field", help="The id field of JSONL/CSV records."),
    max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Larger items are refused."),
    resume: bool = typer.Option(False, "--resume", help="Skip the items already in OUTPUT; append."),
    skip_non_french: bool = typer.Option(False, "--skip-non-french",
                                         help="Non-French items become error records."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave each record's analysed text out (its "
                                                          "offsets still index that text)."),
    workers: int = typer.Option(0, "--workers", help="Analysis processes (0: one per core, as many as memory "
                                                     "holds; 1: in this process)."),
    models: Path = typer.Option(Path("models"), "--models", help="Folder of the trained models."),
) -> None:
    """Analyse archives of articles: one output line per input item, errors included."""
    import threading

    from rich.progress import (
        BarColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} items/s" if task.speed else "")

    from veille.apps.batch import BatchOptions, run_batch
    from veille.apps.workers import WorkersNotStarted, default_workers
    from veille.input.items import count_items

    if fmt not in ("jsonl", "csv"):
        fail(f"unknown format {fmt!r}: choose jsonl or csv", code=2)
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        fail(f"no such input: {', '.join(missing)}")
    analysis = _batch_analysis(models, workers or default_workers())
    options = BatchOptions(glob=glob, text_field=text_field, id_field=id_field, max_bytes=max_bytes,
                           skip_non_french=skip_non_french, include_text=not no_text)
    columns = (SpinnerColumn(), TextColumn("{task.completed}/{task.fields[counted]} items"), BarColumn(),
               RateColumn(), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    summary = None
    try:
        with Progress(*columns, console=stderr, transient=True) as progress:
            task = progress.add_task("batch", total=None, counted="?")

            def count() -> None:  # the total arrives once counted; until then no ETA
                try:
                    total = count_items(inputs, options)
                except Exception:  # noqa: BLE001  (only the ETA is lost; the batch reports the item itself)
                    return
                progress.update(task, total=total, counted=f"{total:,}")

            threading.Thread(target=count, daemon=True).start()

            with analysis:
                summary = run_batch(analysis, inputs, output, fmt, options, resume,
                                    on_item=lambda: progress.advance(task))
    except WorkersNotStarted as error:
        fail(str(error))
    except KeyboardInterrupt:
        stderr.print(f"interrupted: {output} holds every line written so far; run again with --resume")
        raise typer.Exit(130) from None
    _print_batch_summary(summary, output)
    if summary.errors:
        raise typer.Exit(1)


def _batch_analysis(models: Path, workers: int):
    """One worker analyses here; more each load the pipeline and models in a process of their own."""
    from veille.apps.workers import InProcess, WorkerPool

    if workers == 1:
        return InProcess(_load_analyzer(models))
    return WorkerPool(models, workers)


def _print_batch_summary(summary, output: Path) -> None:
    failed = sum(summary.errors.values())
    stderr.print(f"{summary.written} lines written to {output} ({summary.written - failed} analysed, "
                 f"{failed} errors, {summary.skipped} skipped as already done)", highlight=False)
    if summary.errors:
        stderr.print("errors: " + ", ".join(f"{kind} {n}" for kind, n in summary.errors.most_common()))
    if summary.topics:
        stderr.print("topics: " + ", ".join(f"{t} {n}" for t, n in summary.topics.most_common()))
        stderr.print("stance: " + ", ".join(f"{s} {n}" for s, n in summary.stances.most_common()))
    if summary.speakers:
        stderr.print("most quoted: " + ", ".join(f"{s} ({n})" for s, n in summary.speakers.most_common(5)))


# ---- train and evaluate ---------------------------------------------------------------------------

def _load_training_corpus(path: Path):
    from veille.corpus import CorpusError, load_training_corpus

    try:
        return load_training_corpus(path)
    except CorpusError as error:
        fail(str(error))


@app.command()
def train(
    corpus: Path = typer.Argument(DEFAULT_CORPUS, help="corpus/ folder, or a JSON Lines or CSV file "
                                                        "with text and label columns."),
    output: Path = typer.Option(Path("models"), "-o", "--output", help="Where to write the models."),
    cross_validation: bool = typer.Option(True, "--cv/--no-cv", help="Also report 5-fold figures."),
) -> None:
    """Train the topic and stance models, evaluate them, write models/ with a model card."""
    from veille.classify.card import evaluation_tables
    from veille.training import train as run_training

    articles = _load_training_corpus(corpus)
    with stderr.status("training…") as status:
        meta = run_training(articles, output, progress=lambda message: status.update(message),
                            cross_validation=cross_validation)
    typer.echo(evaluation_tables(meta["metrics"]))
    stderr.print(f"[green]models written to {output}/[/] in {meta['timing_seconds']['total']} s "
                 f"(see {output}/MODEL_CARD.md)", highlight=False)


@app.command()
def evaluate(
    what: str = typer.Argument("models", help="models (topics and stance) or quotes."),
    corpus: Path = typer.Option(DEFAULT_CORPUS, "--corpus", help="The labelled corpus."),
    models: Path = typer.Option(Path("models"), "--models", help="Folder of the trained models."),
    errors: int = typer.Option(0, "--errors", help="With quotes: list this many misses and mistakes."),
) -> None:
    """Score the trained models (or the quote extractor) on the held-out and challenge sets."""
    if what not in ("models", "quotes"):
        fail(f"cannot evaluate {what!r}: choose models or quotes", code=2)
    articles = _load_training_corpus(corpus)
    if what == "quotes":
        from veille.evaluation.quotes import evaluate_quotes, format_quote_report

        analyzer = _load_analyzer_without_models()
        with stderr.status("extracting quotes…"):
            report = evaluate_quotes(analyzer, articles)
        typer.echo(format_quote_report(report, errors))
        return
    from veille.classify.card import evaluation_tables
    from veille.corpus import split_articles
    from veille.training import evaluate_split, model_inputs

    analyzer = _load_analyzer(models)
    split = split_articles(articles)
    metrics = {}
    with stderr.status("evaluating…"):
        for name in ("test", "challenge"):
            if split[name]:
                inputs = model_inputs(analyzer, split[name])
                metrics[name] = evaluate_split(analyzer.models.topics, analyzer.models.stance, inputs,
                                               split[name], split["train"])
    typer.echo(evaluation_tables(metrics))


def _load_analyzer_without_models():
    from veille.analyzer import Analyzer
    from veille.nlp.pipeline import PipelineError

    try:
        return Analyzer.load(need_models=False)
    except PipelineError as error:
        fail(str(error))


@app.command()
def info(models: Path = typer.Option(Path("models"), "--models")) -> None:
    """Versions, the spaCy pipeline and the trained models in use."""
    import json

    from veille import __version__

    out = Console()
    out.print(f"veille {__version__}")
    meta_path = models / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        out.print(f"models: {models}/ (sha256 {meta.get('sha256', '?')[:12]}…), trained on "
                  f"{meta.get('corpus', {}).get('articles', '?')} articles with "
                  f"{meta.get('versions', {})}", highlight=False)
    else:
        out.print(f"models: none in {models}/ (run `make train`)")


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


def main() -> None:
    app()


def classify_main() -> None:
    """The `classify` shortcut: `classify article.txt` is `veille classify article.txt`."""
    typer.main.get_command(app)(args=["classify", *sys.argv[1:]], prog_name="classify")


if __name__ == "__main__":
    sys.exit(main())
