"""Build veille's wheel with trained models inside it, so that an installation from the wheel alone
classifies from any folder (the models are found in the package, classify/locate.py).

    python tools/build_wheel.py --models models --out dist

The models are copied into src/veille/data/models/ for the build only, and removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "veille" / "data" / "models"
MODEL_FILES = ("classifier.npz", "meta.json", "metrics.json", "MODEL_CARD.md", "SHA256SUMS")


def build(models: Path, out: Path) -> Path:
    missing = [name for name in MODEL_FILES[:2] if not (models / name).is_file()]
    if missing:
        raise SystemExit(f"no trained model in {models}/ (missing {', '.join(missing)}): run `make train`")
    shutil.rmtree(PACKAGED, ignore_errors=True)
    PACKAGED.mkdir(parents=True)
    try:
        for name in MODEL_FILES:
            if (models / name).is_file():
                shutil.copy2(models / name, PACKAGED / name)
        out.mkdir(parents=True, exist_ok=True)
        before = set(out.glob("veille-*.whl"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                        "--wheel-dir", str(out), str(ROOT)], check=True)
    finally:
        shutil.rmtree(PACKAGED, ignore_errors=True)
        shutil.rmtree(ROOT / "build", ignore_errors=True)
    built = sorted(set(out.glob("veille-*.whl")) - before) or sorted(out.glob("veille-*.whl"))
    return built[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    arguments = parser.parse_args()
    print(build(arguments.models, arguments.out))


if __name__ == "__main__":
    main()
