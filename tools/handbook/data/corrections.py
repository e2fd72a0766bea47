"""Lasting corrections by instructors, read from ``sources/corrections.yaml``.

The converter guesses; an instructor corrects once, in this file, and the
correction is applied on every import (see ``convert/correct.py``):

* ``chrome``  – lines (file + line) to treat as site chrome;
* ``split``   – lines where an article starts (blog-style dumps);
* ``merge``   – lines where the tool saw a new article but the text continues
  the previous one;
* ``ignore``  – articles (by slug) left out of the handbook; their lines are
  reported as dropped, never silently lost;
* ``retitle`` – slug -> title (the slug, hence the URL, does not change);
* ``theme``   – slug -> theme id (a person's choice always wins over the
  classifier).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..common.layout import CORRECTIONS_FILE
from .yamlfile import load_yaml


@dataclass(frozen=True)
class Corrections:
    chrome: frozenset[tuple[str, int]] = frozenset()
    split: frozenset[tuple[str, int]] = frozenset()
    merge: frozenset[tuple[str, int]] = frozenset()
    ignore: frozenset[str] = frozenset()
    retitle: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)


def _places(items: list[dict] | None) -> frozenset[tuple[str, int]]:
    return frozenset((item["file"], int(item["line"])) for item in items or [])


def load_corrections(root: Path) -> Corrections:
    path = root / CORRECTIONS_FILE
    if not path.exists():
        return Corrections()
    data = load_yaml(path, CORRECTIONS_FILE.as_posix(), schema="corrections") or {}
    return Corrections(
        chrome=_places(data.get("chrome")),
        split=_places(data.get("split")),
        merge=_places(data.get("merge")),
        ignore=frozenset(data.get("ignore") or []),
        retitle=dict(data.get("retitle") or {}),
        themes=dict(data.get("theme") or {}),
    )
