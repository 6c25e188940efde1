"""`veille report`: one self-contained HTML page over veille's JSON Lines outputs (charts drawn by Plotly,
a searchable table of quotes, the articles rendered with their highlighting), built from streamed inputs.

    read.py       the inputs, a line at a time; error records counted, broken lines reported
    aggregate.py  counts per (day, source) cell, merged into weeks or months
    samples.py    the capped quotes, evidence sentences and renderings the page embeds
    figures.py    the charts' Plotly layouts and colours
    page.py       the page: plotly.js once, the data, report.js and report.css
    build.py      all of it, end to end (build_report)
"""

from veille.apps.report.build import ReportError, ReportSummary, build_report

__all__ = ["ReportError", "ReportSummary", "build_report"]
