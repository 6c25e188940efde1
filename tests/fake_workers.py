"""Stand-ins for the functions WorkerPool's processes and a Dask cluster's workers run (module-level, so
spawn finds them): no pipeline; an article whose text names a marker file kills its worker, once (the file is
made first) or always."""

from __future__ import annotations

import os
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin


def start(models_dir) -> None:
    pass


def ready() -> bool:
    return True


def task(raws) -> list:
    for raw in raws:
        if raw.text.startswith("KILL-ALWAYS"):
            os._exit(9)
        if raw.text.startswith("KILL-ONCE "):
            marker = Path(raw.text.split()[1])
            if not marker.exists():
                marker.touch()
                os._exit(9)
    return [{"id": raw.id, "text": raw.text} for raw in raws]


class NothingLoaded(WorkerPlugin):
    """The Dask worker plugin for `task`, which needs no analyzer."""
