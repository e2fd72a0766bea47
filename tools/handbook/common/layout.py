"""The repository layout: where sources, pages, data files and reports live.

Every path the converter and the commands use is written here once, relative
to the repository root. The Sphinx extension does not use these constants for
its inputs: it resolves its data folder from the ``handbook_data_dir`` config
value against the configuration directory, so a handbook may live in a folder
not named ``docs``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ARTICLES",
    "CORRECTIONS_FILE",
    "DATA",
    "DOCS",
    "DROPPED_REPORT",
    "GLOSSARY_FILE",
    "NAMES_FILE",
    "PROFILES_FILE",
    "REPORTS",
    "REPORT_PAGES",
    "REVIEW_REPORT",
    "SOURCES",
    "THEMES_FILE",
    "display",
    "find_root",
]

DOCS = Path("docs")
#: instructor-editable data (themes, glossary, source profiles)
DATA = DOCS / "_data"
#: one page per article, written by ``handbook import``
ARTICLES = DOCS / "articles"
#: instructors' reports, written by ``handbook import``
REPORTS = DOCS / "rapports"
#: raw dumps and the instructors' corrections
SOURCES = Path("sources")

THEMES_FILE = DATA / "themes.yaml"
GLOSSARY_FILE = DATA / "glossary.yaml"
PROFILES_FILE = DATA / "source-profiles.yaml"
NAMES_FILE = DATA / "proper-names.yaml"
CORRECTIONS_FILE = SOURCES / "corrections.yaml"
DROPPED_REPORT = REPORTS / "lignes-ecartees.md"
REVIEW_REPORT = REPORTS / "a-relire.md"
#: pages the import always rewrites (reports, never edited by hand)
REPORT_PAGES = (DROPPED_REPORT, REVIEW_REPORT)


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder (from ``start`` up) with ``docs/conf.py``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DOCS / "conf.py").is_file():
            return folder
    return here


def display(path: Path, root: Path | None) -> str:
    """Repository-relative POSIX path when ``path`` is inside ``root`` (for messages)."""
    if root is not None:
        try:  # resolve the folder only: the file itself may be a broken link
            absolute = Path(os.path.abspath(path)).parent.resolve() / path.name
            return absolute.relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return path.as_posix() if isinstance(path, Path) else str(path)
