"""The charts' layouts, made with Plotly: titles, axes, stacking, subplots and colours. The page fills in
their data from the counts of the cells a filter keeps and draws them with plotly.js (Plotly.react), so the
layouts are made once here and the data are summed in the browser."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from veille.labels import ENTITY_LABELS, STANCES, TOPICS

TEMPLATE = "plotly_white"
# Stances: favourable green, unfavourable red, neutral grey-blue, not about social media light grey.
STANCE_COLORS = {"favorable": "#2a9d8f", "defavorable": "#e76f51", "neutre": "#8ea8c3",
                 "sans_objet": "#d9d9d9"}
TOPIC_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#ce6dbd")
GENDER_NAMES = {"f": "femmes", "m": "hommes", "unknown": "inconnu"}
KIND_NAMES = {"person": "personne nommée", "organisation": "organisation", "role": "rôle (non nommé)",
              "group": "groupe", "unknown": "inconnu"}
ENTITY_NAMES = {"PER": "Personnes", "ORG": "Organisations", "LOC": "Lieux", "MISC": "Divers"}
MARGIN = {"l": 60, "r": 20, "t": 50, "b": 50}


def _layout(title: str, **extra) -> dict:
    figure = go.Figure(layout=go.Layout(title={"text": title, "font": {"size": 15}}, margin=MARGIN,
                                        height=extra.pop("height", 360), **extra))
    layout = figure.to_plotly_json()["layout"]
    layout.pop("template", None)  # the page sets the template once, for every chart
    return layout


def _entities_layout() -> dict:
    figure = make_subplots(rows=2, cols=2, subplot_titles=[ENTITY_NAMES[label] for label in ENTITY_LABELS],
                           horizontal_spacing=0.28, vertical_spacing=0.12)
    figure.update_layout(title={"text": "Entités les plus citées, par type (articles qui les nomment)",
                                "font": {"size": 15}}, margin={**MARGIN, "l": 150}, height=620,
                         showlegend=False)
    for n in range(1, 5):
        figure.update_yaxes(autorange="reversed", automargin=True, row=(n - 1) // 2 + 1, col=(n - 1) % 2 + 1)
    layout = figure.to_plotly_json()["layout"]
    layout.pop("template", None)
    return layout


def chart_layouts(unit: str) -> dict[str, dict]:
    """Every chart's layout, by the id of its place on the page."""
    period = "semaine" if unit == "week" else "mois"
    hbar = {"yaxis": {"autorange": "reversed", "automargin": True}, "height": 420}
    return {
        "topics-time": _layout(f"Articles par {period} et par thème", barmode="stack",
                               yaxis={"title": {"text": "articles"}}, legend={"orientation": "v"}),
        "topics-cooc": _layout("Thèmes ensemble (articles ayant les deux ; diagonale : le thème seul)",
                               height=520, yaxis={"autorange": "reversed", "automargin": True},
                               xaxis={"tickangle": -45, "automargin": True}),
        "stance-time": _layout(f"Réseaux sociaux : position par {period} (cliquer une barre)",
                               barmode="stack",
                               yaxis={"title": {"text": "articles"}}),
        "stance-topic": _layout("Réseaux sociaux : position par thème (cliquer une barre)",
                                barmode="stack", **hbar),
        "speakers-people": _layout("Personnes les plus citées", **hbar),
        "speakers-orgs": _layout("Organisations les plus citées", **hbar),
        "speakers-gender": _layout("Citations de personnes : femmes, hommes (genre dit par le texte)",
                                   height=300),
        "speakers-kind": _layout("Qui parle : type de locuteur", height=300),
        "entities": _entities_layout(),
        "quote-types": _layout("Types de citations", height=300),
        "errors": _layout("Erreurs par type (toutes les entrées, sans filtre)", height=300),
    }


def page_style() -> dict:
    """The names and colours the page's charts use, and Plotly's template, given once for all charts."""
    return {
        "template": pio.templates[TEMPLATE].to_plotly_json(),
        "topics": [{"id": topic, "name": name, "color": TOPIC_COLORS[n % len(TOPIC_COLORS)]}
                   for n, (topic, name) in enumerate(TOPICS.items())],
        "stances": [{"id": stance, "name": name, "color": STANCE_COLORS[stance]}
                    for stance, name in STANCES.items()],
        "genders": GENDER_NAMES,
        "kinds": KIND_NAMES,
        "entity_labels": list(ENTITY_LABELS),
    }
