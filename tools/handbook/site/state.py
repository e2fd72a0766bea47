"""Runtime state of one build, shared by the extension's event handlers.

Built at ``builder-inited`` (see :mod:`.generate`). Kept beside the
environment, not in it, so it is never pickled; forked parallel readers and
writers inherit it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path

from sphinx.environment import BuildEnvironment

from .glossary_links import TermMatcher
from .manifest import Manifest

__all__ = [
    "ARTICLES_DIR",
    "GLOSSARY_DOC",
    "HTML_BUILDERS",
    "THEMES_DIR",
    "BuildState",
    "get",
    "is_article",
    "put",
]

#: the builders whose pages are web pages (scripts, tooltips, quizzes): not the
#: EPUB, which shares their writer
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})

#: folders and documents of the handbook, relative to the source directory
ARTICLES_DIR = "articles"
THEMES_DIR = "themes"
GLOSSARY_DOC = "glossaire"


@dataclass
class BuildState:
    manifest: Manifest
    matcher: TermMatcher
    summary_path: Path
    titles: dict[str, str]  # page titles before this build read anything


_STATES: weakref.WeakKeyDictionary[BuildEnvironment, BuildState] = weakref.WeakKeyDictionary()


def get(env: BuildEnvironment) -> BuildState | None:
    """The state of the build using ``env`` (None when the extension is inactive)."""
    return _STATES.get(env)


def put(env: BuildEnvironment, state: BuildState) -> None:
    _STATES[env] = state


def is_article(docname: str) -> bool:
    return docname.startswith(f"{ARTICLES_DIR}/") and docname != f"{ARTICLES_DIR}/index"
