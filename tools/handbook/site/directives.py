"""Directives of the handbook's own pages.

``{handbook-theme-grid}`` (the home page): one card per theme, with its
article count::

    :::{handbook-theme-grid}
    :::
"""

from __future__ import annotations

import json

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..common.layout import display
from . import state as build_state
from .generate import data_dir, repository_root
from .pages import theme_grid
from .state import THEMES_DIR

__all__ = ["ThemeGridDirective"]

logger = logging.getLogger(__name__)


class ThemeGridDirective(SphinxDirective):
    """``{handbook-theme-grid}``: one card per theme, with its article count."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        current = build_state.get(self.env)
        if current is None:
            logger.warning(
                "pas de grille des thèmes : %s est absent.",
                display(data_dir(self.env.app) / "themes.yaml", repository_root(self.env.app)),
                type="handbook",
                subtype="theme",
                location=self.get_location(),
            )
            return []
        self.env.note_dependency(current.summary_path)
        summary = json.loads(current.summary_path.read_text("utf-8"))
        lines = theme_grid(summary, self.env.docname, THEMES_DIR)
        source = self.state.document.current_source or self.env.docname
        container = nodes.container()
        self.state.nested_parse(
            StringList(lines, items=[(source, self.lineno - 1)] * len(lines)),
            self.content_offset,
            container,
        )
        return container.children
