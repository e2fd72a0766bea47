"""Fixes to the HTML the theme writes, and visitors of nodes other builders skip."""

from __future__ import annotations

import html
import queue
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

__all__ = ["escape_theme_titles", "one_prev_next", "skip_node", "sort_sitemap"]

#: class of the « Précédent / Suivant dans le thème » section (see .additions)
NEIGHBOURS_CLASS = "handbook-neighbours"


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


def one_prev_next(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """One previous/next navigation per page: an article's own, not the theme's too.

    An article ends with « Précédent / Suivant dans le thème », which stays in
    the article's theme; the theme's footer would add a second navigation
    that follows the site's table of contents instead (from a theme's last
    article to the next theme's page). The theme draws its footer when
    ``theme_show_prev_next`` is true; the value is turned off for the pages
    holding the handbook's own navigation. Other pages keep the theme's.
    """
    if doctree is None:
        return
    if any(NEIGHBOURS_CLASS in node["classes"] for node in doctree.findall(nodes.section)):
        context["theme_show_prev_next"] = False


def skip_node(self: Any, node: nodes.Node) -> None:
    """Visitor of a node that a builder does not show."""
    raise nodes.SkipNode


def sort_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Put sphinx-sitemap's queued URLs in a stable order before it writes ``sitemap.xml``.

    Parallel writers add their pages to the queue in the order they finish,
    so a ``-j 2`` build wrote the URLs in a different order each time
    (caught by tests/test_determinism.py). Runs before sphinx-sitemap's own
    ``build-finished`` handler (lower priority number).
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None:
        return
    found = []
    while True:
        try:
            found.append(links.get_nowait())
        except queue.Empty:
            break
    for item in sorted(found, key=str):
        links.put(item)
