"""What the extension gathers per article while Sphinx reads it, and when to read again.

:class:`ArticleTransform` links glossary terms and adds the metadata block,
related articles and previous/next links to each article page.
:class:`ArticleCollector` keeps, per article, the hash of those additions and
the glossary terms it uses (purged and merged with the document, so parallel
reads are safe), and tells Sphinx which pages are stale:

* ``get_outdated_docs``: articles whose additions changed since they were
  read (a neighbour renamed or moved, a theme retitled, glossary terms
  edited…). More precise than ``env.note_dependency`` on the YAML files,
  which would read every article again when a definition is edited;
* ``get_updated_docs``: the glossary page when the articles listed under
  its terms changed, and the neighbours (previous, next, parent) of a page
  whose title changed (the theme's footer shows their titles).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..common.text import fold_term
from . import state as build_state
from .additions import add_to_article
from .envdata import EnvSlot
from .glossary_links import backlinks_paragraph, backlinks_placeholder, link_terms
from .state import GLOSSARY_DOC, THEMES_DIR, is_article

__all__ = ["ArticleCollector", "ArticleTransform", "fill_backlinks", "init_env"]

logger = logging.getLogger(__name__)

#: bump when the environment data of the extension changes shape
ENV_VERSION = 3

# the extension's data in the environment (see :mod:`.envdata`)
_VERSION: EnvSlot[int] = EnvSlot("handbook_env_version")
#: docname -> hash of what was added to the page
_ADDITIONS: EnvSlot[dict[str, str]] = EnvSlot("handbook_additions")
#: docname -> glossary terms linked in the page
_TERM_USES: EnvSlot[dict[str, list[str]]] = EnvSlot("handbook_term_uses")
#: hash of the glossary's « Utilisé dans » lists
_BACKLINKS: EnvSlot[str] = EnvSlot("handbook_backlinks")


def init_env(env: BuildEnvironment) -> None:
    if _VERSION.get_or(env, None) != ENV_VERSION:
        _VERSION.set(env, ENV_VERSION)
        _ADDITIONS.set(env, {})
        _TERM_USES.set(env, {})
        _BACKLINKS.set(env, "")


class ArticleTransform(SphinxTransform):
    """Glossary links and additions on article pages."""

    default_priority = 790  # after the parsers' own transforms, before doctree-read

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        docname = env.docname
        current = build_state.get(env)
        if current is None or not is_article(docname):
            return
        init_env(env)
        terms = link_terms(self.document, current.matcher, docname)
        _TERM_USES.get(env)[docname] = sorted(terms)
        data = current.manifest.additions.get(docname)
        if data is not None:
            add_to_article(self.document, docname, data, THEMES_DIR)
            _ADDITIONS.get(env)[docname] = current.manifest.hashes[docname]


def _backlinks(env: BuildEnvironment) -> dict[str, list[tuple[str, str]]]:
    """Glossary term -> ``[(docname, title), …]`` of the articles using it."""
    current = build_state.get(env)
    titles = {d: a.title for d, a in current.manifest.articles.items()} if current else {}
    uses: dict[str, list[tuple[str, str]]] = {}
    for docname, terms in _TERM_USES.get_or(env, {}).items():
        if docname not in env.all_docs:
            continue
        title = titles.get(docname) or docname
        for term in terms:
            uses.setdefault(term, []).append((docname, title))
    for items in uses.values():
        items.sort(key=lambda item: (fold_term(item[1]), item[0]))
    return uses


class ArticleCollector(EnvironmentCollector):
    """Per-article additions hash and glossary terms; stale pages."""

    ATTRIBUTES = (_ADDITIONS.name, _TERM_USES.name)

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        for attribute in self.ATTRIBUTES:
            getattr(env, attribute, {}).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        init_env(env)
        for attribute in self.ATTRIBUTES:
            mine, theirs = getattr(env, attribute), getattr(other, attribute, {})
            for docname in docnames:
                if docname in theirs:
                    mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Nothing to do: :class:`ArticleTransform` stored the data while reading."""

    def get_outdated_docs(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        init_env(env)
        current = build_state.get(env)
        if current is None:
            return []
        stale = []
        for docname, digest in sorted(current.manifest.hashes.items()):
            if docname in added or docname in changed or docname not in env.all_docs:
                continue
            if _ADDITIONS.get(env).get(docname) != digest:
                stale.append(docname)
        if stale:
            logger.info("handbook : %d article(s) à relire (pages voisines modifiées)", len(stale))
        return stale

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        current = build_state.get(env)
        if current is None:
            return []
        init_env(env)
        updated: set[str] = set()
        blob = json.dumps(sorted(_backlinks(env).items()), ensure_ascii=False)
        digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()
        if digest != _BACKLINKS.get(env):
            _BACKLINKS.set(env, digest)
            updated.add(GLOSSARY_DOC)
        retitled = [
            docname
            for docname, title in env.titles.items()
            if docname in current.titles and current.titles[docname] != title.astext()
        ]
        if retitled:
            relations = env.collect_relations()
            for docname in retitled:
                updated.update(d for d in relations.get(docname, ()) if d)
        return sorted(updated & env.found_docs)


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the glossary's « Utilisé dans » lists, filled late."""
    placeholders = list(doctree.findall(backlinks_placeholder))
    if not placeholders:
        return
    uses = _backlinks(app.env)

    def refuri(target: str) -> str:
        return app.builder.get_relative_uri(docname, target)

    for node in placeholders:
        found = uses.get(node["term"], [])
        node.replace_self(backlinks_paragraph(found, refuri) if found else [])
