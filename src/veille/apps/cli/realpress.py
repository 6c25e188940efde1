"""The real-press parts of `veille train` and `veille evaluate`: finding the pool, the quote figures and the
annotator agreement. The pool is given with --real, else $VEILLE_REALPRESS, else the checkout's
realpress/pool.jsonl; the output always says which pool was used, or that none was found."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from veille.apps.cli.base import fail, stderr

REAL_HELP = ("Also measure on the real-press pool (realpress/README.md): this pool.jsonl (default: "
             "$VEILLE_REALPRESS, else the checkout's realpress/pool.jsonl, when there is one).")
NO_REAL_HELP = "Leave the real-press figures out."


def pool_location(real: Path | None, no_real: bool = False):
    """The pool to measure on (its location says when there is none), None with --no-real; a pool given
    with --real that does not exist is an error."""
    from veille.evaluation.realpress import RealPressError, find_pool

    if no_real:
        return None
    try:
        location = find_pool(real)
    except RealPressError as error:
        fail(str(error))
    stderr.print(location.describe(), highlight=False)
    return location


def real_press_errors(call):
    """Run a real-press step; a pool or label file it cannot use ends the command with one line."""
    from veille.evaluation.realpress import RealPressError

    try:
        return call()
    except RealPressError as error:
        fail(str(error))


def real_quotes(analyzer, location, errors: int) -> str:
    """The quote figures on the real-press set (dev and TEST apart), or the line saying there is no pool."""
    from veille.evaluation.quotes import format_quote_report
    from veille.evaluation.realpress import evaluate_real_quotes, load_real_press

    header = ["# Real press (Le Monde 2022): quotes", ""]
    if not location.found:
        return "\n".join(header + [location.describe(), ""])
    started = time.perf_counter()
    real = real_press_errors(lambda: load_real_press(location, parts=("quotes",)))
    with stderr.status("extracting quotes from the real-press articles…"):
        report = evaluate_real_quotes(analyzer, real)
    seconds = time.perf_counter() - started
    return "\n".join(header + [
        location.describe() + ". Gold: the first hand annotation, offsets into the body; the body is "
        "parsed as it is (no boilerplate removal, as for the corpus texts), so the offsets hold. The TEST "
        "set is for measuring only: error lists (--errors) cover the dev set.", "",
        format_quote_report(report, errors, breakdown=True), f"Time: {seconds:.1f} s", ""])


def agreement(location) -> None:
    """Stance agreement (no pool needed) and quote agreement (the pool needed); writes AGREEMENT.md beside
    the labels when both could be computed."""
    from veille.evaluation.agreement import (
        agreement_markdown,
        quote_agreement,
        stance_agreement,
        write_agreement,
    )
    from veille.evaluation.realpress import (
        LABELS_FOLDER,
        PoolLocation,
        checkout_labels,
        load_real_press,
        stance_label_pairs,
    )

    if location is None:  # --no-real: the labels only
        location = PoolLocation(None, "left out with --no-real", checkout_labels() or Path(LABELS_FOLDER))
    folder = location.labels
    started = time.perf_counter()
    stance = real_press_errors(lambda: stance_agreement(*stance_label_pairs(folder)))
    quotes = None
    if location.found:
        real = real_press_errors(lambda: load_real_press(location, parts=("quotes",), second=True))
        firsts = {article.id: article for name in real.quotes for article in real.quotes[name]}
        quotes = quote_agreement([(firsts[i], second) for i, second in sorted(real.second_quotes.items())])
    # Committable: no path of this machine, only what was read.
    source = f"labels of {folder.name}/, " + (
        "a pool whose bodies match the labels' SHA-256" if location.found else "no pool")
    figures = agreement_markdown(stance, quotes, source)
    typer.echo(figures)
    if quotes is None:
        stderr.print(f"{location.describe()}: quote agreement needs it; {folder}/AGREEMENT.md not written",
                     highlight=False)
        return
    write_agreement(folder / "AGREEMENT.md", figures)
    stderr.print(f"written to {folder}/AGREEMENT.md in {time.perf_counter() - started:.1f} s",
                 highlight=False)
