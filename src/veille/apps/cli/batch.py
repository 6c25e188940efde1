"""`veille batch`: archives of articles, one output line per input item, with progress and a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from veille.apps.cli.base import MODELS_HELP, app, fail, load_analyzer, stderr
from veille.apps.writers import FORMATS, RESUMABLE

if TYPE_CHECKING:
    from veille.apps.cluster import ClusterTarget

CLUSTER_HELP = ("Analyse on a Dask cluster: tcp://HOST:PORT of a running scheduler (its workers must see the "
                "models folder at the same path: --models), or local:N to start one here with N worker "
                "processes. Lines are written as batches finish, so not in input order unless --ordered.")

FORMAT_HELP = ("jsonl: the records (the contract); csv or parquet: one row per article; quotes-csv or "
               "quotes-parquet: one row per quote; html: one page with every article highlighted.")


@app.command()
def batch(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT", show_default=False,
                                        help="Files, folders, .zip/.tar(.gz|.bz2|.xz) archives, JSON Lines "
                                             "or CSV exports, in any mix; - reads JSON Lines on stdin."),
    output: Path = typer.Option(..., "-o", "--output", metavar="FILE", help="Where to write the results."),
    fmt: str = typer.Option("jsonl", "--format", metavar="|".join(FORMATS), help=FORMAT_HELP),
    glob: str = typer.Option("*", "--glob", metavar="PATTERN",
                             help="Which files of folders and archives to read."),
    text_field: str = typer.Option("text", "--text-field", metavar="NAME",
                                   help="The text field of JSONL/CSV records."),
    id_field: str = typer.Option("id", "--id-field", metavar="NAME",
                                 help="The id field of JSONL/CSV records."),
    title_field: str = typer.Option("title", "--title-field", metavar="NAME",
                                    help="The title field of JSONL/CSV records."),
    date_field: str = typer.Option("date", "--date-field", metavar="NAME",
                                   help="The date field of JSONL/CSV records."),
    keep_fields: str = typer.Option("", "--keep-fields", metavar="A,B", show_default=False,
                                    help="Fields of JSONL/CSV records to carry to the output (the records' "
                                         "`fields`, extra table columns), e.g. outlet,section."),
    max_bytes: int = typer.Option(20 * 1024 * 1024, "--max-bytes", metavar="BYTES",
                                  help="Larger items are refused."),
    resume: bool = typer.Option(False, "--resume",
                                help="Keep OUTPUT and add only the items missing from it."),
    retry_errors: bool = typer.Option(False, "--retry-errors",
                                      help="With --resume: analyse again the items that ended in an error."),
    force: bool = typer.Option(False, "--force", help="Replace an existing OUTPUT."),
    skip_non_french: bool = typer.Option(False, "--skip-non-french",
                                         help="Non-French items become error records."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave each record's analysed text out (its "
                                                          "offsets still index that text)."),
    workers: int = typer.Option(0, "--workers", metavar="N",
                                help="Analysis processes (0: one per core, as many as memory holds; 1: in "
                                     "this process)."),
    cluster: str | None = typer.Option(None, "--cluster", metavar="tcp://HOST:PORT|local:N",
                                       show_default=False, help=CLUSTER_HELP),
    ordered: bool = typer.Option(False, "--ordered",
                                 help="With --cluster: write the lines in the order a run without it does, "
                                      "records in input order (slow batches hold back those after them)."),
    inputs_on_workers: bool = typer.Option(False, "--inputs-on-workers",
                                           help="With --cluster: the workers read the inputs, each its share "
                                                "(JSON Lines split by byte ranges, other files whole); the "
                                                "inputs must be at the same path for them as here."),
    models: Path | None = typer.Option(None, "--models", metavar="DIR", help=MODELS_HELP, show_default=False),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="No progress and no summary; errors only."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Also list every item that failed, and why."),
) -> None:
    """Analyse archives of articles: one output line per input item, errors included."""
    from veille.apps.batch import BatchOptions
    from veille.apps.outputs import OutputError, WriteFailed, output_lock

    options = BatchOptions(glob=glob, text_field=text_field, id_field=id_field, title_field=title_field,
                           date_field=date_field, max_bytes=max_bytes, skip_non_french=skip_non_french,
                           include_text=not no_text,
                           keep_fields=tuple(name.strip() for name in keep_fields.split(",") if name.strip()))
    _check_output(inputs, output, fmt, resume, retry_errors, force)
    where = _where(cluster, ordered, inputs_on_workers, workers, inputs)
    try:
        with output_lock(output):  # held to the end: a second run on this output is refused
            summary = _run(inputs, output, fmt, options, resume, retry_errors, models, where, quiet)
    except OutputError as error:
        resumable = isinstance(error, WriteFailed) and fmt in RESUMABLE
        fail(str(error) + ("; free some space and run again with --resume" if resumable else ""))
    if not quiet:
        _print_batch_summary(summary, output)
    if verbose:
        for where, kind, message in summary.failures:
            stderr.print(f"  {where}: {kind}: {message}", highlight=False, markup=False)
    if summary.errors:
        raise typer.Exit(1)


@dataclass(frozen=True)
class Where:
    """Where the analysis runs: `workers` processes here, or the Dask cluster `cluster` (--cluster)."""

    workers: int = 0
    cluster: ClusterTarget | None = None
    ordered: bool = False
    inputs_on_workers: bool = False


def _where(cluster: str | None, ordered: bool, inputs_on_workers: bool, workers: int,
           inputs: list[Path]) -> Where:
    """The flags that choose where the analysis runs, checked before anything is read or loaded."""
    from veille.input.items import STDIN

    if cluster is None:
        if inputs_on_workers:
            fail("--inputs-on-workers goes with --cluster", code=2)
        return Where(workers=workers)
    from veille.apps.cluster import BadClusterAddress, parse_cluster

    if workers:
        fail("--workers and --cluster: choose one (local:N starts N worker processes)", code=2)
    if inputs_on_workers and STDIN in inputs:
        fail("--inputs-on-workers cannot read standard input: the workers read files", code=2)
    try:
        target = parse_cluster(cluster)
    except BadClusterAddress as error:
        fail(str(error), code=2)
    return Where(cluster=target, ordered=ordered, inputs_on_workers=inputs_on_workers)


def _run(inputs: list[Path], output: Path, fmt: str, options, resume: bool, retry_errors: bool,
         models: Path | None, where: Where, quiet: bool):
    """Under the output's lock: check that it can be written and the inputs, load, analyse."""
    from veille.apps.batch import run_batch
    from veille.apps.outputs import check_writable
    from veille.apps.workers import AnalysisLost, WorkersNotStarted
    from veille.input.items import InputProblem, checked_items

    check_writable(output)
    try:
        items = checked_items(inputs, options)  # reads the first items now, before the models load
    except InputProblem as error:
        fail(str(error))
    analysis = _batch_analysis(models, where)
    again = "run again with --resume" if fmt in RESUMABLE else "run it again"
    try:
        # The workers that read the inputs count them: here they are not read, even to count them.
        with _progress(inputs, options, quiet, count=not where.inputs_on_workers) as advance:
            with analysis:
                return run_batch(analysis, inputs, output, fmt, options, resume, on_item=advance,
                                 retry_errors=retry_errors, items=None if where.inputs_on_workers else items)
    except WorkersNotStarted as error:
        fail(str(error))
    except AnalysisLost as error:
        fail(f"{error}: {output} holds every line written so far, each whole; {again} to finish")
    except KeyboardInterrupt:
        stderr.print(f"interrupted: {output} holds every line written so far; {again}")
        raise typer.Exit(130) from None


def _check_output(inputs: list[Path], output: Path, fmt: str, resume: bool, retry_errors: bool,
                  force: bool) -> None:
    """Every refusal that spares an earlier output or an input, before anything is read or loaded."""
    from veille.apps.writers import parquet_available
    from veille.input.items import STDIN

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", code=2)
    if fmt.endswith("parquet") and not parquet_available():
        fail("Parquet needs pyarrow: pip install 'veille[tables]'")
    if resume and fmt not in RESUMABLE:
        fail(f"--resume works with {' and '.join(RESUMABLE)} outputs ({fmt} is complete only once closed)",
             code=2)
    if retry_errors and not resume:
        fail("--retry-errors goes with --resume", code=2)
    missing = [str(path) for path in inputs if path != STDIN and not path.exists()]
    if missing:
        fail(f"no such input: {', '.join(missing)}")
    target = output.resolve()
    for path in inputs:
        if path != STDIN and (target == path.resolve() or path.is_dir() and path.resolve() in target.parents):
            fail(f"the output {output} is {'inside ' if path.is_dir() else ''}the input {path}: "
                 "choose another file")
    if output.exists() and output.stat().st_size > 0 and not (resume or force):
        fail(f"{output} already exists: --resume adds what is missing from it, --force replaces it")


def _progress(inputs: list[Path], options, quiet: bool, count: bool = True):
    """Items done, bar, rate, elapsed, and an ETA once the inputs are counted in the background (if
    `count`)."""
    import threading
    from contextlib import contextmanager, nullcontext

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

    from veille.input.items import count_items

    if quiet:
        return nullcontext(lambda: None)

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} items/s" if task.speed else "")

    columns = (SpinnerColumn(), TextColumn("{task.completed}/{task.fields[counted]} items"), BarColumn(),
               RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())

    @contextmanager
    def shown():
        with Progress(*columns, console=stderr, transient=True) as progress:
            task = progress.add_task("batch", total=None, counted="?")

            def counted() -> None:  # the total arrives once counted; until then no ETA
                try:
                    total = count_items(inputs, options)
                except Exception:  # noqa: BLE001  (only the ETA is lost; the batch reports the item itself)
                    return
                if total is not None:
                    progress.update(task, total=total, counted=f"{total:,}")

            if count:
                threading.Thread(target=counted, daemon=True).start()
            yield lambda: progress.advance(task)

    return shown()


def _batch_analysis(models: Path | None, where: Where):
    """One worker analyses here; more each load the pipeline and models in a process of their own, here or
    on the workers of a Dask cluster."""
    from veille.apps.workers import InProcess, WorkerPool, default_workers
    from veille.classify.locate import find_models

    if where.cluster is not None:
        import logging

        from veille.apps.cluster import ClusterAnalysis
        from veille.apps.shares import InputsOnWorkers

        # Dask logs a lost connection with tracebacks (its loggers have levels of their own); the run says
        # what happened, in one line.
        for name in [name for name in logging.root.manager.loggerDict if name.startswith("distributed")]:
            logging.getLogger(name).setLevel(logging.CRITICAL)
        backend = InputsOnWorkers if where.inputs_on_workers else ClusterAnalysis
        return backend(where.cluster, find_models(models).path, ordered=where.ordered)
    workers = where.workers or default_workers()
    if workers == 1:
        return InProcess(load_analyzer(models))
    return WorkerPool(find_models(models).path, workers)


def _print_batch_summary(summary, output: Path) -> None:
    failed = sum(summary.errors.values())
    if summary.repaired:
        stderr.print(f"{output} ended with a cut line ({summary.repaired} bytes): removed before resuming",
                     highlight=False)
    stderr.print(f"{summary.written} lines written to {output} ({summary.written - failed} analysed, "
                 f"{failed} errors, {summary.skipped} skipped as already done)", highlight=False)
    if summary.errors:
        stderr.print("errors: " + ", ".join(f"{kind} {n}" for kind, n in summary.errors.most_common()))
    if summary.topics:
        stderr.print("topics: " + ", ".join(f"{t} {n}" for t, n in summary.topics.most_common()))
        stderr.print("stance: " + ", ".join(f"{s} {n}" for s, n in summary.stances.most_common()))
    if summary.speakers:
        stderr.print("most quoted: " + ", ".join(f"{s} ({n})" for s, n in summary.speakers.most_common(5)))
