"""The package layout shows the architecture: every module sits in a layer of the data flow, and imports run
one way, down it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "veille"
# Lowest first: a module may import from its own layer and the layers before it, never from a later one.
LAYERS = ("labels", "input", "text", "features", "nlp", "classify", "record", "analyzer", "corpus",
          "evaluation", "training", "apps")


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "veille" or len(parts) == 1:
        return None  # the package root only holds the version and the lazy public API
    return LAYERS.index(parts[1])


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield path, ".".join(relative.parts).removesuffix(".__init__")


def test_every_module_belongs_to_a_layer():
    for _, module in _modules():
        if module != "veille":
            assert module.split(".")[1] in LAYERS, f"{module} is in no layer of the data flow"


def test_imports_run_down_the_data_flow():
    upward = []
    for path, module in _modules():
        own = _layer(module)
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            for name in names:
                target = _layer(name)
                if target is not None and target > own:
                    upward.append(f"{module} imports {name}")
    assert not upward, "imports against the data flow:\n" + "\n".join(upward)



MAX_LINES = 500


def test_no_module_is_over_500_lines():
    long = [f"{path.relative_to(PACKAGE)}: {n} lines" for path, _ in _modules()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert not long, long
