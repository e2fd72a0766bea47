"""Page descriptions (link previews, search engines) that start with the text itself.

sphinxext-opengraph describes a page (``og:description`` and
``<meta name="description">``) with its first words.  On an article those are
what the handbook adds under the title: the theme badge, the date, « Texte
importé de sources/… (lignes … à …) ».  For the pages holding such additions
(class :data:`~handbook.site.glossary_links.ADDED_CLASS`), this module
writes both tags from the page's own paragraphs instead, before
sphinxext-opengraph runs (which then keeps them).  Other pages are left to
sphinxext-opengraph.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .glossary_links import ADDED_CLASS

__all__ = ["page_description", "setup"]

#: sphinxext-opengraph's default length
LENGTH = 200


def _skipped(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, (nodes.Admonition, nodes.Invisible, nodes.title, nodes.table)):
            return True
        if isinstance(node, nodes.Element) and ADDED_CLASS in node.get("classes", ()):
            return True
        node = node.parent
    return False


def page_description(doctree: nodes.Node, length: int = LENGTH) -> str:
    """The first ``length`` characters of the page's own paragraphs (cut at a word)."""
    text = ""
    for paragraph in doctree.findall(nodes.paragraph):
        if _skipped(paragraph):
            continue
        words = " ".join(paragraph.astext().split())
        if words:
            text = f"{text} {words}".strip()
        if len(text) > length:
            cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
            return f"{cut}…"
    return text


def _has_additions(doctree: nodes.Node) -> bool:
    return any(ADDED_CLASS in node.get("classes", ()) for node in doctree.findall(nodes.Element))


def _describe(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or not _has_additions(doctree):
        return
    description = page_description(doctree)
    if not description:
        return
    # a copy: context["meta"] is the environment's metadata of the page
    # (sphinxext-opengraph writes the og: fields of the metadata as given,
    # escaping only the double quotes)
    escaped = html.escape(description, quote=False)
    context["meta"] = {**(context.get("meta") or {}), "og:description": escaped}
    context["metatags"] = (
        context.get("metatags", "")
        + f'<meta name="description" content="{html.escape(description, quote=True)}" />\n'
    )


def setup(app: Sphinx) -> dict[str, Any]:
    # before sphinxext-opengraph's handler (default priority 500)
    app.connect("html-page-context", _describe, priority=450)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
