"""What the extension adds to each article page, as docutils nodes.

* Under the title, a metadata block: the theme badge (a link to the theme
  page), the date, the authors, and where the text comes from (dump and
  lines).
* At the end of the page, two sections: « Articles liés » and
  « Précédent / Suivant dans le thème », the page's only previous/next
  navigation (the theme's own footer is left out of article pages, see
  :func:`handbook.site.html.one_prev_next`); an article alone in its theme
  says so there and links back to the theme page.

The nodes are built from the manifest's *additions* data
(:func:`handbook.site.manifest.build_manifest`), whose hash is stored in
the environment: an article is read again when it changes.  All text goes
into ``Text`` nodes, so nothing is interpreted as markup.  Every added node
carries :data:`~handbook.site.glossary_links.ADDED_CLASS`, so the
glossary links never reach it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docutils import nodes
from sphinx import addnodes

from .french import french_date, french_list
from .glossary_links import ADDED_CLASS
from .html import NEIGHBOURS_CLASS

__all__ = ["add_to_article"]

_BADGE = ["sd-sphinx-override", "sd-badge", "sd-bg-{color}", "sd-bg-text-{color}"]


def _doc_xref(docname: str, target: str, text: str, classes: list[str] | None = None) -> nodes.Node:
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="doc",
        reftarget="/" + target,
        refexplicit=True,
        refwarn=True,
        refdoc=docname,
        classes=classes or [],
    )
    xref += nodes.inline(text, text)
    return xref


def _lines(first: int, last: int) -> str:
    return f"ligne {first}" if first == last else f"lignes {first} à {last}"


def _meta(docname: str, data: dict[str, Any], themes_dir: str) -> nodes.container:
    box = nodes.container(classes=["handbook-article-meta", ADDED_CLASS])
    line = nodes.paragraph(classes=["handbook-meta-line"])
    parts: list[list[nodes.Node]] = []
    if data["theme"]:
        theme_id, title = data["theme"]
        color = "secondary" if theme_id == "sans-theme" else "primary"
        badge = [c.format(color=color) for c in _BADGE]
        parts.append([_doc_xref(docname, f"{themes_dir}/{theme_id}", title, badge)])
    if data["date"]:
        parts.append([nodes.Text(french_date(dt.date.fromisoformat(data["date"])))])
    if data["authors"]:
        parts.append([nodes.Text("Par " + french_list(data["authors"]))])
    for index, part in enumerate(parts):
        if index:
            line += nodes.Text(" · ")
        line.extend(part)
    if parts:
        box += line
    if data["sources"]:
        provenance = nodes.paragraph(classes=["handbook-provenance"])
        (file, first, last), *others = data["sources"]
        provenance += nodes.Text("Texte importé de ")
        provenance += nodes.literal(file, file)
        provenance += nodes.Text(f" ({_lines(first, last)})")
        for index, (file, first, last) in enumerate(others):
            provenance += nodes.Text(" ; également présent dans " if index == 0 else " et ")
            provenance += nodes.literal(file, file)
            provenance += nodes.Text(f" ({_lines(first, last)})")
        provenance += nodes.Text(".")
        box += provenance
    return box


def _section(document: nodes.document, title: str, base_id: str, kind: str) -> nodes.section:
    candidate, number = base_id, 1
    while candidate in document.ids:
        number += 1
        candidate = f"{base_id}-{number}"
    section = nodes.section(ids=[candidate], classes=[kind, ADDED_CLASS])
    section += nodes.title(title, title)
    document.ids[candidate] = section
    return section


def _bottom(
    document: nodes.document, docname: str, data: dict[str, Any], themes_dir: str
) -> list[nodes.section]:
    sections = []
    if data["related"]:
        section = _section(document, "Articles liés", "articles-lies", "handbook-related")
        items = nodes.bullet_list(bullet="-")
        for target, title, other_theme in data["related"]:
            paragraph = nodes.paragraph()
            paragraph += _doc_xref(docname, target, title)
            if other_theme:
                paragraph += nodes.Text(f" (thème : {other_theme})")
            items += nodes.list_item("", paragraph)
        section += items
        sections.append(section)
    if data["previous"] or data["next"] or data["theme"]:
        section = _section(
            document,
            "Précédent / Suivant dans le thème",
            "precedent-suivant",
            NEIGHBOURS_CLASS,
        )
        for label, link, kind in (
            ("Précédent : ", data["previous"], "handbook-previous"),
            ("Suivant : ", data["next"], "handbook-next"),
        ):
            if link:
                paragraph = nodes.paragraph(classes=[kind])
                paragraph += nodes.Text(label)
                paragraph += _doc_xref(docname, link[0], link[1])
                section += paragraph
        if not (data["previous"] or data["next"]):
            theme_id, title = data["theme"]
            paragraph = nodes.paragraph(classes=["handbook-alone"])
            paragraph += nodes.Text(
                "Aucun autre article dans ce thème. Retour à la page du thème : "
            )
            paragraph += _doc_xref(docname, f"{themes_dir}/{theme_id}", title)
            paragraph += nodes.Text(".")
            section += paragraph
        sections.append(section)
    return sections


def add_to_article(
    document: nodes.document, docname: str, data: dict[str, Any], themes_dir: str
) -> None:
    """Insert the metadata block under the title and the sections at the end."""
    top = next((n for n in document.children if isinstance(n, nodes.section)), None)
    parent = top if top is not None else document
    meta = _meta(docname, data, themes_dir)
    if len(meta):
        title = next((i for i, n in enumerate(parent.children) if isinstance(n, nodes.title)), -1)
        parent.insert(title + 1, meta)
    parent.extend(_bottom(document, docname, data, themes_dir))
