"""Proper names: ``docs/_data/proper-names.yaml``, loaded and checked.

Names of programmes, institutions, labels and works that hold common words
of the glossary (« Licence professionnelle Communication publique… »): the
automatic glossary links never fall inside them. The file is edited by
instructors; a missing file means no name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..common.layout import NAMES_FILE, display
from .yamlfile import load_yaml


@dataclass(frozen=True)
class ProperNames:
    #: the names themselves: no automatic link inside them
    names: tuple[str, ...] = ()
    #: words that open a name (« licence professionnelle »): a term right after is in the name
    heads: tuple[str, ...] = ()


def load_proper_names(root: Path, data_dir: Path | None = None) -> ProperNames:
    path = (data_dir / NAMES_FILE.name) if data_dir is not None else root / NAMES_FILE
    if not path.is_file():
        return ProperNames()
    data = load_yaml(path, display(path, root), schema="proper-names")
    return ProperNames(
        names=tuple(" ".join(str(name).split()) for name in data.get("names") or []),
        heads=tuple(" ".join(str(head).split()) for head in data.get("heads") or []),
    )
