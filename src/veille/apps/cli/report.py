"""`veille report`: one self-contained HTML page of charts and tables over veille batch's JSON Lines."""

from __future__ import annotations

from pathlib import Path

import typer

from veille.apps.cli.base import app, fail, stderr

MAX_BAD_LINES_SHOWN = 10


@app.command()
def report(
    results: list[Path] = typer.Argument(..., help="veille's JSON Lines outputs (veille batch -o …)."),
    out: Path = typer.Option(..., "--out", "-o", help="The HTML file to write."),
    source_field: str = typer.Option(None, "--source-field",
                                     help="The kept field that names an article's source (batch "
                                          "--keep-fields outlet); default: the records' first kept field."),
    title: str = typer.Option("veille — rapport", "--title", help="The page's title."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT if it exists."),
) -> None:
    """Charts (topics over time, stance toward social media, who is quoted, entities, errors), a searchable
    table of quotes and the articles rendered, in one HTML file that opens offline."""
    for path in results:
        if not path.is_file():
            fail(f"{path}: no such file")
        if out.exists() and out.resolve() == path.resolve():
            fail("the output would overwrite an input")
    if out.exists() and not force:
        fail(f"{out} exists; pass --force to overwrite it")

    from veille.apps.report import ReportError, build_report

    try:
        summary = build_report(results, out, source_field=source_field, title=title)
    except ReportError as error:
        fail(f"{error}; {out} not written")
    except OSError as error:
        fail(f"cannot write {out} ({error.strerror})")

    log = summary.log
    for line in log.bad_lines[:MAX_BAD_LINES_SHOWN]:
        stderr.print(f"[yellow]skipped[/] {line}", highlight=False)
    if log.bad_count > MAX_BAD_LINES_SHOWN:
        stderr.print(f"… and {log.bad_count - MAX_BAD_LINES_SHOWN} more unreadable lines", highlight=False)
    errors = ", ".join(f"{kind} {n}" for kind, n in log.errors.most_common())
    counted = f"; error records counted, not charted: {errors}" if errors else ""
    skipped = f"; {log.bad_count} unreadable lines skipped" if log.bad_count else ""
    stderr.print(f"{log.articles} articles{counted}{skipped}", highlight=False)
    stderr.print(f"quote table: {summary.quotes_kept} of {summary.quotes_total} quotes; "
                 f"{summary.articles_rendered} articles rendered; evidence of {summary.evidence_kept} of "
                 f"{summary.evidence_total} articles", highlight=False)
    stderr.print(f"{out} written ({summary.size / 1e6:.1f} MB)", highlight=False)
