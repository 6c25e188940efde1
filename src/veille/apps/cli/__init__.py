"""The command line: parse arguments, call the core, print, map errors to exit codes.

One module per command group; heavy modules (spaCy, scikit-learn) are imported inside the commands so that
`--help` stays instant.
"""

from __future__ import annotations

import sys

import typer

from veille.apps.cli import batch, classify, corpus, export, models, report, serve  # noqa: F401  (registers)
from veille.apps.cli.base import app

__all__ = ["app", "classify_main", "main"]


def main() -> None:
    app()


def classify_main() -> None:
    """The `classify` shortcut: `classify article.txt` is `veille classify article.txt`, and its help reads
    `Usage: classify [OPTIONS] {PATH}`."""
    command = typer.main.get_command(app).commands["classify"]
    command(args=sys.argv[1:], prog_name="classify")

