"""Glossary definitions in place: a tooltip on hover, keyboard focus and tap.

Every link to a glossary entry (the articles' automatic links and the
``{term}`` links of any page) shows the first sentence of the entry's
definition without leaving the page. The HTML is written at build time, so
the site needs no service (offline, Read the Docs or any static host alike)::

    <a class="handbook-term handbook-tip-link reference internal"
       href="../glossaire.html#term-RGPD" aria-describedby="handbook-tip-1">…</a>
    …
    <div class="handbook-tips">
      <span class="handbook-tip" id="handbook-tip-1" role="tooltip" hidden>
        <strong>RGPD</strong> : Règlement européen …</span>
    </div>

* Only the HTML builders get them (:data:`TIP_BUILDERS`): the post-transform
  :class:`GlossaryTooltips` runs after the references are resolved and only
  for those builders, and the script and style sheet
  (``static/handbook-tooltips.js`` and ``.css``) are copied by those
  builders only and added only to the pages that have a tooltip. The EPUB
  gets none of it.
* One tooltip per entry and page, holding only the entries the page links
  to; all of them in one block at the end of the page's body (never inside
  a paragraph). Their text is not a text node of the document: the HTML
  visitor of :class:`glossary_tips` writes it, so the search index, the page
  descriptions and the link previews never take a definition for the
  page's own words.
* Incremental builds: a page is written again, without being read again,
  when the tooltip text of an entry it links to changes
  (:class:`TooltipCollector`, ``env-get-updated``).

The script's behaviour (hover, focus, tap, Escape) is described at its top.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator

from ..data.glossary import GlossaryEntry
from . import state as build_state
from .envdata import EnvSlot
from .lead import first_sentence
from .state import GLOSSARY_DOC, HTML_BUILDERS

__all__ = [
    "TIP_BUILDERS",
    "GlossaryTooltips",
    "TooltipCollector",
    "glossary_tips",
    "tip_reference",
    "tip_texts",
]

#: builders whose pages get the tooltips (not "epub", which shares their writer)
TIP_BUILDERS = tuple(sorted(HTML_BUILDERS))
SCRIPT = "handbook-tooltips.js"
STYLE = "handbook-tooltips.css"
LINK_CLASS = "handbook-tip-link"
ID_PREFIX = "handbook-tip-"

#: docname -> glossary targets (lowercased) of its term references
_REFS: EnvSlot[dict[str, list[str]]] = EnvSlot("handbook_term_refs")
#: glossary target (lowercased) -> digest of its tooltip, as last written
_TIPS: EnvSlot[dict[str, str]] = EnvSlot("handbook_tip_digests")


# --------------------------------------------------------------------------
# what a tooltip says
# --------------------------------------------------------------------------


def tip_texts(glossary: Iterable[GlossaryEntry]) -> dict[str, tuple[str, str]]:
    """Each form of each entry, lowercased (as Sphinx matches ``{term}``
    targets) -> ``(term, first sentence of its definition)``."""
    texts: dict[str, tuple[str, str]] = {}
    for entry in glossary:
        text = (entry.term, first_sentence(entry.definition))
        for form in entry.forms:
            texts[form.lower()] = text
    return texts


def _digest(term: str, text: str) -> str:
    return hashlib.sha256(f"{term}\n{text}".encode()).hexdigest()[:16]


# --------------------------------------------------------------------------
# nodes and their HTML
# --------------------------------------------------------------------------


class tip_reference(nodes.reference):
    """A resolved glossary link described by a tooltip (``tip_id`` attribute)."""


class glossary_tips(nodes.General, nodes.Element):
    """The tooltips of a page: ``tips`` = ``[(id, term, text), …]``."""


def visit_tip_reference(self: SphinxTranslator, node: tip_reference) -> None:
    # glossary links are internal links in running text (see GlossaryTooltips)
    attributes = {
        "class": "reference internal",
        "href": node.get("refuri") or "#" + node.get("refid", ""),
        "aria-describedby": node["tip_id"],
    }
    self.body.append(self.starttag(node, "a", "", **attributes))


def depart_tip_reference(self: SphinxTranslator, node: tip_reference) -> None:
    self.body.append("</a>")


def visit_glossary_tips(self: SphinxTranslator, node: glossary_tips) -> None:
    self.body.append('<div class="handbook-tips">\n')
    for tip_id, term, text in node["tips"]:
        self.body.append(
            f'<span class="handbook-tip" id="{tip_id}" role="tooltip" hidden>'
            f"<strong>{html.escape(term, quote=False)}</strong> : "
            f"{html.escape(text, quote=False)}</span>\n"
        )
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _visit_as_reference(self: Any, node: nodes.Node) -> None:
    self.visit_reference(node)


def _depart_as_reference(self: Any, node: nodes.Node) -> None:
    self.depart_reference(node)


# --------------------------------------------------------------------------
# post-transform: the page's glossary links and their tooltips
# --------------------------------------------------------------------------


def _anchor(reference: nodes.reference) -> str:
    if "refid" in reference:
        return str(reference["refid"])
    return str(reference.get("refuri", "")).partition("#")[2]


def _is_term_link(reference: nodes.reference) -> bool:
    """A link made by Sphinx for a ``std:term`` reference, in running text."""
    return (
        isinstance(reference.parent, nodes.TextElement)
        and len(reference.children) == 1
        and isinstance(reference[0], nodes.inline)
        and "std-term" in reference[0]["classes"]
    )


class GlossaryTooltips(SphinxPostTransform):
    """Describe each glossary link by the tooltip of its entry (HTML pages only)."""

    default_priority = 20  # after the references are resolved (10)
    builders = TIP_BUILDERS

    def run(self, **kwargs: Any) -> None:
        current = build_state.get(self.env)
        if current is None or not current.manifest.glossary:
            return
        texts = tip_texts(current.manifest.glossary)
        # the glossary's anchors: "term-rgpd" -> "rgpd"
        anchors = {
            labelid: name.lower()
            for (kind, name), (docname, labelid) in self.env.domains.standard_domain.objects.items()
            if kind == "term" and docname == GLOSSARY_DOC
        }
        ids: dict[str, str] = {}  # entry term -> tooltip id
        tips: list[tuple[str, str, str]] = []
        for reference in list(self.document.findall(nodes.reference)):
            if not _is_term_link(reference):
                continue
            found = texts.get(anchors.get(_anchor(reference), ""))
            if found is None:
                continue
            term, text = found
            if term not in ids:
                ids[term] = f"{ID_PREFIX}{len(ids) + 1}"
                tips.append((ids[term], term, text))
            link = tip_reference("", "", *reference.children, **reference.attributes)
            link["classes"] = [*reference["classes"], LINK_CLASS]
            link["tip_id"] = ids[term]
            reference.replace_self(link)
        if tips:
            self.document += glossary_tips(tips=tips)


def add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the script and style sheet, on pages with a tooltip only."""
    if doctree is not None and any(True for _ in doctree.findall(glossary_tips)):
        app.add_css_file(STYLE)
        app.add_js_file(SCRIPT, loading_method="defer")


# --------------------------------------------------------------------------
# incremental builds
# --------------------------------------------------------------------------


def _term_targets(doctree: nodes.Node) -> list[str]:
    return sorted(
        {
            str(xref["reftarget"]).lower()
            for xref in doctree.findall(addnodes.pending_xref)
            if xref.get("refdomain") == "std" and xref.get("reftype") == "term"
        }
    )


class TooltipCollector(EnvironmentCollector):
    """The glossary entries each page links to; pages whose tooltips changed."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        _REFS.get_or(env, {}).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        mine, theirs = _refs(env), _REFS.get_or(other, {})
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        targets = _term_targets(doctree)
        if targets:
            _refs(app.env)[app.env.docname] = targets

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """The pages linking to an entry whose tooltip text changed (written, not read)."""
        current = build_state.get(env)
        if current is None:
            return []
        digests = {
            key: _digest(term, text)
            for key, (term, text) in tip_texts(current.manifest.glossary).items()
        }
        before = _TIPS.get_or(env, {})
        changed = {
            key for key in digests.keys() | before.keys() if digests.get(key) != before.get(key)
        }
        _TIPS.set(env, digests)
        if not changed:
            return []
        return sorted(
            docname
            for docname, targets in _refs(env).items()
            if docname in env.found_docs and not changed.isdisjoint(targets)
        )


def _refs(env: BuildEnvironment) -> dict[str, list[str]]:
    refs = _REFS.get_or(env, None)
    if refs is None:
        refs = {}
        _REFS.set(env, refs)
    return refs


def setup(app: Sphinx) -> dict[str, Any]:
    # other builders never get these nodes (GlossaryTooltips.builders); should
    # one ever do, a link stays a link and the tooltips are left out
    skip = (_skip, None)
    plain = (_visit_as_reference, _depart_as_reference)
    app.add_node(
        tip_reference,
        html=(visit_tip_reference, depart_tip_reference),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        glossary_tips,
        html=(visit_glossary_tips, None),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.add_post_transform(GlossaryTooltips)
    app.add_env_collector(TooltipCollector)
    app.connect("html-page-context", add_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
