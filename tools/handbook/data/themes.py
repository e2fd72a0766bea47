"""The course themes: ``docs/_data/themes.yaml``, loaded and validated.

Each theme has an id, a title, a description, objectives, exercises and
weighted keywords (the classifier's priors, which instructors control).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..common.layout import THEMES_FILE, display
from ..common.text import stems
from .yamlfile import load_yaml

__all__ = ["THEMES_FILE", "Keyword", "Theme", "load_taxonomy"]


@dataclass(frozen=True)
class Keyword:
    term: str
    stems: tuple[str, ...]
    weight: int


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    keywords: tuple[Keyword, ...]
    data: dict[str, Any]


def load_taxonomy(root: Path, data_dir: Path | None = None) -> tuple[Theme, ...]:
    """Load and validate the themes file (``docs/_data/themes.yaml`` by default)."""
    path = (data_dir / THEMES_FILE.name) if data_dir is not None else root / THEMES_FILE
    data = load_yaml(path, display(path, root), schema="themes")
    themes = []
    for item in data["themes"]:
        keywords = tuple(
            Keyword(k["term"], tuple(stems(k["term"])), int(k["weight"]))
            for k in item.get("keywords", [])
            if stems(k["term"])
        )
        themes.append(Theme(item["id"], item["title"], keywords, item))
    return tuple(themes)
