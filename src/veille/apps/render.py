"""The readable terminal view of one output record."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from veille.labels import STANCES, TOPICS

MAX_ENTITIES = 15
EXCERPT = 220


def _short(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_record(console: Console, record: dict) -> None:
    title = record.get("title") or record["id"]
    console.rule(f"[bold]{title}")
    for warning in record.get("warnings", []):
        console.print(f"[yellow]⚠ {warning}", highlight=False)

    topics = ", ".join(f"{TOPICS.get(t['label'], t['label'])} ({t['score']:.2f})"
                       for t in record["topics"]) or "—"
    console.print(f"[bold]Thèmes[/]  {topics}", highlight=False)
    stance = record["stance"]
    if stance:
        console.print(f"[bold]Réseaux sociaux[/]  {STANCES[stance['label']]} ({stance['score']:.2f})",
                      highlight=False)
        for evidence in stance["evidence"]:
            console.print(f"   [dim]›[/] {_short(evidence['text'])}", highlight=False)

    if record["quotes"]:
        table = Table(title="Citations", title_justify="left", show_lines=False, expand=True)
        table.add_column("qui", style="bold", ratio=1)
        table.add_column("type", ratio=1)
        table.add_column("citation", ratio=5)
        for quote in record["quotes"]:
            who = quote["speaker"] or "?"
            if quote.get("speaker_title"):
                who += f"\n[dim]{quote['speaker_title']}[/]"
            table.add_row(who, quote["type"], _short(quote["text"]))
        console.print(table)
    else:
        console.print("[bold]Citations[/]  aucune")

    if record["entities"]:
        table = Table(title="Entités", title_justify="left", expand=False)
        table.add_column("nom")
        table.add_column("type")
        table.add_column("mentions", justify="right")
        for entity in sorted(record["entities"], key=lambda e: -e["count"])[:MAX_ENTITIES]:
            table.add_row(entity["text"], entity["label"], str(entity["count"]))
        console.print(table)
        hidden = len(record["entities"]) - MAX_ENTITIES
        if hidden > 0:
            console.print(f"[dim]… et {hidden} autres (--json pour tout voir)")
