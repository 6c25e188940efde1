"""The API reference at /docs: FastAPI's Swagger UI would load its script and styles from a CDN, and the
server must work with no outside network, so /docs is a plain page rendered here from the same OpenAPI
schema (also served whole at /openapi.json)."""

from __future__ import annotations

import json
from html import escape

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;font-family:monospace;font-size:1.15rem}
.method{background:#234;color:#fff;padding:.1rem .4rem;border-radius:.2rem;margin-right:.4rem}
pre{background:#f5f5f5;padding:.5rem;overflow:auto;font-size:.85rem}
td,th{text-align:left;padding:.15rem .6rem .15rem 0;vertical-align:top}"""


def install(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    async def reference() -> HTMLResponse:
        policy = "default-src 'none'; style-src 'unsafe-inline'"
        return HTMLResponse(render(app.openapi()), headers={"Content-Security-Policy": policy})


def render(schema: dict) -> str:
    info = schema.get("info", {})
    parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
             f"<title>{escape(info.get('title', ''))} API</title><style>{STYLE}</style></head><body>",
             f"<h1>{escape(info.get('title', ''))} {escape(str(info.get('version', '')))} API</h1>",
             f"<p>{escape(info.get('description', ''))}</p>",
             '<p>The machine-readable schema: <a href="/openapi.json">/openapi.json</a>. The page to try it: '
             '<a href="/">/</a>.</p>']
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parts.append(_operation(path, method, operation))
    parts.append("</body></html>")
    return "\n".join(parts)


def _operation(path: str, method: str, operation: dict) -> str:
    parts = [f'<h2><span class="method">{escape(method.upper())}</span>{escape(path)}</h2>',
             f"<p><strong>{escape(operation.get('summary', ''))}</strong></p>",
             f"<p>{escape(operation.get('description', ''))}</p>"]
    parameters = operation.get("parameters") or []
    if parameters:
        rows = "".join(f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p.get('in', ''))}</td>"
                       f"<td>{escape(json.dumps(p.get('schema', {})))}</td></tr>" for p in parameters)
        parts.append(f"<p>Parameters</p><table>{rows}</table>")
    body = operation.get("requestBody")
    if body:
        kinds = ", ".join(f"<code>{escape(kind)}</code>" for kind in body.get("content", {}))
        parts.append(f"<p>Body: {kinds}</p>")
    rows = "".join(f"<tr><td>{escape(status)}</td><td>{escape(response.get('description', ''))}</td></tr>"
                   for status, response in operation.get("responses", {}).items())
    parts.append(f"<table><tr><th>status</th><th>meaning</th></tr>{rows}</table>")
    return "\n".join(parts)
