"""`veille serve`: the analyser as an HTTP service (FastAPI on uvicorn) and a page to try it in a browser.

settings.py   what the command line passes to every worker process (through the environment)
limits.py     the request body's size limit and read deadline, enforced while it is read
errors.py     every refusal as one JSON shape: {"error": {"type", "message", "id"?}} with its status
engine.py     the Analyzer of one worker process: loaded once, run on one thread, failures logged by id
inputs.py     request bodies to articles: JSON object, HTML page or plain text; JSON Lines for /batch
app.py        the routes
docs.py       the API reference at /docs, rendered from the OpenAPI schema without any CDN asset
static/       the page's HTML, script and style sheet (shipped in the package, nothing fetched)
"""
