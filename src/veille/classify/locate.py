"""Where the trained models are, from any working folder.

Looked up in this order, the first that applies wins:

1. the folder given to the command (`--models`) or to `veille.load()`;
2. the `VEILLE_MODELS` environment variable;
3. `models/` of the checkout veille runs from (an editable install: `make train` writes there);
4. the models shipped inside the installed package (a wheel built by `make dist`), when it holds some;
5. the user's data folder (`~/.local/share/veille/models` on Linux, from platformdirs).

`veille train` writes where classify will look: the same order, less the package (an installed package is no
place to write), so a model trained outside a checkout lands in the user's data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VARIABLE = "VEILLE_MODELS"
META_FILE = "meta.json"
# src/veille/classify/locate.py -> the checkout's root, three folders up from this package.
CHECKOUT_ROOT = Path(__file__).resolve().parents[3]
PACKAGED_MODELS = Path(__file__).resolve().parents[1] / "data" / "models"


@dataclass(frozen=True)
class ModelsLocation:
    path: Path
    reason: str  # why this folder: what `veille info` prints

    def __str__(self) -> str:
        return f"{self.path} ({self.reason})"


def checkout_models() -> Path | None:
    """models/ of the source checkout this code runs from, if it runs from one."""
    is_checkout = (CHECKOUT_ROOT / "pyproject.toml").is_file() and (CHECKOUT_ROOT / "src" / "veille").is_dir()
    return CHECKOUT_ROOT / "models" if is_checkout else None


def user_models() -> Path:
    import platformdirs

    return platformdirs.user_data_path("veille") / "models"


def find_models(given: Path | str | None = None) -> ModelsLocation:
    """The folder the models are read from (it may hold no model yet: loading says so)."""
    location = _given_or_configured(given)
    if location is not None:
        return location
    if (PACKAGED_MODELS / META_FILE).is_file():
        return ModelsLocation(PACKAGED_MODELS, "shipped in the installed package")
    return ModelsLocation(user_models(), "the user data folder")


def training_destination(given: Path | str | None = None) -> ModelsLocation:
    """Where `veille train` writes, so that classify finds the models afterwards."""
    return _given_or_configured(given) or ModelsLocation(user_models(), "the user data folder")


def _given_or_configured(given: Path | str | None) -> ModelsLocation | None:
    if given is not None and str(given):
        return ModelsLocation(Path(given), "given with --models")
    if os.environ.get(ENV_VARIABLE):
        return ModelsLocation(Path(os.environ[ENV_VARIABLE]), f"from ${ENV_VARIABLE}")
    checkout = checkout_models()
    if checkout is not None:
        return ModelsLocation(checkout, "the models of the checkout veille runs from")
    return None
