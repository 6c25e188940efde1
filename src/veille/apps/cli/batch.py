"""`veille batch`: archives of articles, one output line per input item, with progress and a summary."""

from __future__ import annotations

from pathlib import Path

import typer

from veille.apps.cli.base import MODELS_HELP, app, fail, load_analyzer, stderr


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
    models: Path | None = typer.Option(None, "--models", help=MODELS_HELP, show_default=False),
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


def _batch_analysis(models: Path | None, workers: int):
    """One worker analyses here; more each load the pipeline and models in a process of their own."""
    from veille.apps.workers import InProcess, WorkerPool
    from veille.classify.locate import find_models

    if workers == 1:
        return InProcess(load_analyzer(models))
    return WorkerPool(find_models(models).path, workers)


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
