"""What every command shares: the Typer apps, stderr, one-line errors with exit codes, loading the models."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

# Plain help (rich_markup_mode=None): the rich layout shows every flag as `--resume <bool>`.
app = typer.Typer(help="veille: analyse French-language news articles.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None)
corpus_app = typer.Typer(help="Check and describe the labelled corpus.", no_args_is_help=True,
                         rich_markup_mode=None)
app.add_typer(corpus_app, name="corpus")


def _print_version(value: bool) -> None:
    if value:
        from veille import __version__

        typer.echo(f"veille {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """veille: analyse French-language news articles (entities, quotes and speakers, topics, stance toward
    social media)."""

stderr = Console(stderr=True, soft_wrap=True)
DEFAULT_CORPUS = Path("corpus")
MODELS_HELP = ("Folder of the trained models (default: $VEILLE_MODELS, else the checkout's models/, else the "
               "package's, else the user data folder; `veille info` says which).")


def fail(message: str, code: int = 1) -> None:
    stderr.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)



def load_analyzer(models: Path | None):
    from veille.analyzer import Analyzer
    from veille.classify.persist import ModelError
    from veille.nlp.pipeline import PipelineError

    try:
        return Analyzer.load(models)
    except ModelError as error:
        fail(str(error))
    except PipelineError as error:
        fail(str(error))



def load_analyzer_without_models():
    from veille.analyzer import Analyzer
    from veille.nlp.pipeline import PipelineError

    try:
        return Analyzer.load(need_models=False)
    except PipelineError as error:
        fail(str(error))



def training_corpus_or_fail(path: Path):
    from veille.corpus import CorpusError, load_training_corpus

    try:
        return load_training_corpus(path)
    except CorpusError as error:
        fail(str(error))

