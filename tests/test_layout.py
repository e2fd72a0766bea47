"""The package's layers: imports only point down (commands -> convert | site -> data -> common)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "handbook"

#: what each layer may import from the package (besides itself)
ALLOWED = {
    "common": set(),
    "data": {"common"},
    "convert": {"common", "data"},
    "site": {"common", "data"},
    "commands": {"common", "data", "convert", "site"},
    "cli": {"common", "data", "convert", "site", "commands"},
}


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    package = ["handbook", *path.relative_to(PACKAGE).parts[:-1]]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = (node.module or "").split(".")
            if target[0] == "handbook" and len(target) > 1:
                found.add(target[1])
            elif target == ["handbook"]:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "handbook" and len(parts) > 1:
                    found.add(parts[1])
    return found


def test_imports_point_down() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = _layer(path)
        if layer == "__init__":
            continue
        for target in _imported_layers(path) - {layer, "__version__"}:
            if target not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} ({layer}) imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_layer_is_checked() -> None:
    layers = {_layer(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert layers == set(ALLOWED)
