"""Fixes to the HTML the theme writes, and visitors of nodes other builders skip."""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

__all__ = ["escape_theme_titles", "skip_node"]


def escape_theme_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Escape the plain-text titles that sphinx-book-theme puts into its templates raw.

    The theme sets ``pagetitle`` and ``root_title`` to ``title.astext()`` and
    prints them without escaping (``<h1>{{ pagetitle }}</h1>`` in its print
    header), so an article titled ``<script>…</script>`` would execute. Our
    handler runs after the theme's (higher priority number) and escapes them.
    Caught by tests/test_hostile.py.
    """
    for key in ("pagetitle", "root_title"):
        value = context.get(key)
        if isinstance(value, str) and not hasattr(value, "__html__"):
            context[key] = html.escape(value, quote=True)


def skip_node(self: Any, node: nodes.Node) -> None:
    """Visitor of a node that a builder does not show."""
    raise nodes.SkipNode
