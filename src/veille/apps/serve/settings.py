"""The server's settings. uvicorn starts each worker process by importing the app factory, so the command
line hands them over through one environment variable rather than through arguments."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

ENV_VARIABLE = "VEILLE_SERVE_SETTINGS"

# A long press article is about 50 kB; 5 MiB holds a /batch of about a hundred of them.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Items of one /batch request: about a minute of analysis on one core.
DEFAULT_MAX_ITEMS = 500
# A request body must have arrived whole within this many seconds (a slow client is cut off with 408).
DEFAULT_READ_TIMEOUT = 30.0


@dataclass(frozen=True)
class Settings:
    models: str | None = None  # the --models folder, else found as classify finds it
    max_bytes: int = DEFAULT_MAX_BYTES
    max_items: int = DEFAULT_MAX_ITEMS
    read_timeout: float = DEFAULT_READ_TIMEOUT

    def to_env(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls) -> Settings:
        raw = os.environ.get(ENV_VARIABLE)
        return cls(**json.loads(raw)) if raw else cls()
