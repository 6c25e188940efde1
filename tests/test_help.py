"""Every command's help renders and reads right: usage lines, flags without type noise, a version and shell
completion."""

import subprocess
import sys

import typer
from typer.testing import CliRunner

from veille import __version__
from veille.apps.cli import app


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


def test_every_help_renders_with_its_usage_line_and_plain_flags():
    runner = CliRunner()
    paths = list(_commands(typer.main.get_command(app)))
    assert {("batch",), ("classify",), ("train",), ("corpus", "check")} <= set(paths)
    for path in [(), *paths]:
        result = runner.invoke(app, [*path, "--help"], prog_name="veille")
        assert result.exit_code == 0, (path, result.output)
        assert result.output.startswith(f"Usage: veille {' '.join(path)}".rstrip()), result.output[:80]
        assert "<bool>" not in result.output


def test_batch_help_names_its_formats_and_safety_flags():
    output = CliRunner().invoke(app, ["batch", "--help"]).output
    for flag in ("--format jsonl|csv|quotes-csv|parquet|quotes-parquet|html", "--force", "--retry-errors",
                 "--keep-fields", "-q, --quiet", "-v, --verbose"):
        assert flag in output


def test_version_and_completion():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"veille {__version__}"
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).output


def test_the_classify_shortcut_reads_as_its_own_command():
    run = subprocess.run([sys.executable, "-c", "from veille.apps.cli import classify_main; classify_main()",
                          "--help"], capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stdout.startswith("Usage: classify [OPTIONS]") and "classify classify" not in run.stdout
