"""`veille export`: veille's JSON Lines output as tasks for Prodigy, doccano or Label Studio."""

from __future__ import annotations

from pathlib import Path

import typer

from veille.apps.cli.base import app, fail, stderr

MAX_BAD_LINES_SHOWN = 10


@app.command()
def export(
    results: Path = typer.Argument(..., help="veille's JSON Lines output (veille batch -o results.jsonl)."),
    to: str = typer.Option(..., "--to", help="prodigy, doccano or label-studio."),
    out: Path = typer.Option(..., "--out", "-o",
                             help="The file to write (JSON Lines; one JSON list for Label Studio)."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT if it exists."),
) -> None:
    """Entities, quotes and speakers as pre-annotated tasks for an annotation tool, to correct and retrain."""
    from veille.apps.export import FORMATS, export_file, label_studio_config

    if to not in FORMATS:
        fail(f"--to must be one of {', '.join(FORMATS)}, not {to!r}", code=2)
    if not results.is_file():
        fail(f"{results}: no such file")
    if out.exists() and not force:
        fail(f"{out} exists; pass --force to overwrite it")
    if out.resolve() == results.resolve():
        fail("the output would overwrite the input")
    try:
        summary = export_file(results, out, to)
    except OSError as error:
        fail(f"cannot write {out} ({error.strerror})")

    _report_skipped(summary)
    if not summary.written:
        fail(f"no record to export from {results}; {out} not written")
    stderr.print(f"{summary.written} articles, {summary.spans} spans written to {out} ({to})",
                 highlight=False)
    if to == "label-studio":
        stderr.print("Label Studio labelling config for these tasks:\n" + label_studio_config(),
                     highlight=False, markup=False)
    if summary.bad_lines:
        raise typer.Exit(1)


def _report_skipped(summary) -> None:
    """The unreadable lines (the first few) and a count of everything left out, on stderr."""
    for line in summary.bad_lines[:MAX_BAD_LINES_SHOWN]:
        stderr.print(f"[yellow]skipped[/] {line}", highlight=False)
    if len(summary.bad_lines) > MAX_BAD_LINES_SHOWN:
        hidden = len(summary.bad_lines) - MAX_BAD_LINES_SHOWN
        stderr.print(f"… and {hidden} more unreadable lines", highlight=False)
    reasons = (
        (summary.without_text, f"{summary.without_text} records without their text (written by `batch "
                               "--no-text`: run the batch again without it to export them)"),
        (summary.errors, f"{summary.errors} error records (nothing was analysed)"),
        (summary.bad_lines, f"{len(summary.bad_lines)} unreadable lines"),
        (summary.bad_spans, f"{summary.bad_spans} spans whose offsets fall outside their text"),
    )
    skipped = [reason for count, reason in reasons if count]
    if skipped:
        stderr.print("skipped: " + "; ".join(skipped), highlight=False)
