"""Accent-insensitive, better-ranked French search for the HTML output.

Accents are folded before stemming on both sides: the index
(:class:`SearchFrenchFolded`, at build time) and the query
(``static/handbook-search.js``, in the browser). Pages are ranked with a
term-frequency bonus from ``_static/handbook-search-weights.js``. Why and
how: ``DESIGN.md`` (« Search »). ``handbook.site`` sets this module up; it
can also be listed on its own in ``extensions``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search.fr import SearchFrench

from ..common.text import fold_accents
from .envdata import EnvSlot
from .glossary_links import ADDED_CLASS

__all__ = ["SearchFrenchFolded", "fold", "setup", "stem_counts"]

#: the search fold (case kept, accents and ligatures removed): see handbook.common.text
fold = fold_accents

SEARCH_JS = "handbook-search.js"
WEIGHTS_JS = "handbook-search-weights.js"
#: stems kept per page in the weights file (its most frequent ones)
MAX_STEMS = 60
#: bump when the environment data of this module changes shape
ENV_VERSION = 1

# this module's data in the environment (see :mod:`.envdata`)
_VERSION: EnvSlot[int] = EnvSlot("handbook_search_version")
#: docname -> (length, {stem: count})
_WEIGHTS: EnvSlot[dict[str, tuple[int, dict[str, int]]]] = EnvSlot("handbook_search_weights")


class SearchFrenchFolded(SearchFrench):
    """Sphinx's French search language, insensitive to accents."""

    lang = "fr"
    language_name = "French"
    #: the French stop words, as written and without their accents: the
    #: browser checks the stop words on the folded query words.
    stopwords = frozenset(SearchFrench.stopwords) | {fold(w) for w in SearchFrench.stopwords}

    def split(self, input: str) -> list[str]:
        # NFC first, so that a letter followed by a combining accent stays one
        # word. Words come out folded and lowercased: Sphinx indexes a word as
        # split (not stemmed) when its stem is a stop word (« désir » stems to
        # « des »), and the browser looks for lowercased, folded words only.
        normalized = unicodedata.normalize("NFC", input)
        return [fold(word).lower() for word in super().split(normalized)]

    def stem(self, word: str) -> str:
        # The same words recur on every page: remember each stem (a pure
        # function of the word) instead of running the Snowball stemmer again.
        cache = self.__dict__.setdefault("_stem_cache", {})
        stemmed = cache.get(word)
        if stemmed is None:
            stemmed = cache[word] = self.stemmer.stemWord(fold(word.lower()))
        return stemmed

    def word_filter(self, word: str) -> bool:
        return super().word_filter(word) and fold(word) not in self.stopwords


# --------------------------------------------------------------------------
# term frequencies (ranking)
# --------------------------------------------------------------------------


#: Elements whose text summarises *other* pages: what the extension adds to
#: an article (related articles, neighbours in the theme, metadata), the
#: theme cards (home page, « Les thèmes du cours ») and the article cards
#: (theme pages), which repeat a theme's description or an article's lead.
SUMMARY_CLASSES = frozenset({ADDED_CLASS, "handbook-theme-card", "handbook-article-card"})


def _texts(node: nodes.Node) -> Iterator[str]:
    """The text of ``node`` that tells what the page is about.

    As Sphinx's indexer: no comments, raw text or ``no-search`` elements.
    Unlike it, no link text either (a link's words, such as the title of a
    related article, describe the page it points to, which should rank first
    for them, not the page holding the link) and no summaries of other pages
    (:data:`SUMMARY_CLASSES`).  Sphinx's index still holds all of it: these
    pages are found, they just rank lower.
    """
    if isinstance(node, (nodes.comment, nodes.raw, nodes.reference)):
        return
    if isinstance(node, nodes.Element):
        classes = set(node["classes"])
        if "no-search" in classes or not SUMMARY_CLASSES.isdisjoint(classes):
            return
    if isinstance(node, nodes.Text):
        yield node.astext()
        return
    for child in node.children:
        yield from _texts(child)


def stem_counts(doctree: nodes.Node, language: SearchFrenchFolded) -> tuple[int, dict[str, int]]:
    """Number of indexed words of ``doctree`` and the count of each stem."""
    counts: Counter[str] = Counter()
    stems: dict[str, str] = {}
    length = 0
    for text in _texts(doctree):
        for word in language.split(text):
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = language.stem(word).lower()
            if language.word_filter(stem):
                counts[stem] += 1
                length += 1
    return length, dict(counts)


def _top_stems(counts: dict[str, int]) -> dict[str, int]:
    """The :data:`MAX_STEMS` most frequent stems (all of them on a short page)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(sorted(ranked[:MAX_STEMS]))


def _init_env(env: BuildEnvironment) -> None:
    if _VERSION.get_or(env, None) != ENV_VERSION:
        _VERSION.set(env, ENV_VERSION)
        _WEIGHTS.set(env, {})


def _is_folded_french(app: Sphinx) -> bool:
    lang = app.config.html_search_language or app.config.language or ""
    return lang.replace("-", "_").partition("_")[0] == SearchFrenchFolded.lang


def _builder_inited(app: Sphinx) -> None:
    _init_env(app.env)
    # the script itself is in the handbook's static folder (``site/__init__.py``)


_LANGUAGE = SearchFrenchFolded({})


def _doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    if getattr(app.builder, "search", False) and _is_folded_french(app):
        length, counts = stem_counts(doctree, _LANGUAGE)
        _WEIGHTS.get(app.env)[app.env.docname] = (length, _top_stems(counts))


def _env_purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _WEIGHTS.get_or(env, {}).pop(docname, None)


def _env_merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
) -> None:
    mine, theirs = _WEIGHTS.get(env), _WEIGHTS.get_or(other, {})
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def weights_script(weights: dict[str, tuple[int, dict[str, int]]]) -> str:
    """Text of ``handbook-search-weights.js`` for ``{docname: (length, stems)}``."""
    lengths = [length for length, _ in weights.values()]
    data = {
        "averageLength": round(sum(lengths) / len(lengths), 1) if lengths else 1,
        "maxStems": MAX_STEMS,
        "pages": {
            docname: {"length": length, "stems": stems}
            for docname, (length, stems) in sorted(weights.items())
        },
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (
        "/* Generated by handbook.site.search: length and most frequent stems"
        " of each page, for the ranking in handbook-search.js. */\n"
        f"window.handbookSearchWeights = {text};\n"
    )


def _env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    # After reading (every page's counts are in the environment) and before
    # the search page is written (its script tag gets the file's checksum).
    if not getattr(app.builder, "search", False) or not _is_folded_french(app):
        return
    weights = {d: w for d, w in _WEIGHTS.get(env).items() if d in env.all_docs}
    path = Path(app.outdir) / "_static" / WEIGHTS_JS
    text = weights_script(weights)
    if not path.is_file() or path.read_text("utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _add_search_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # Only the search page runs searchtools.js. The theme's search.html adds
    # searchtools.js after every registered script, so splitQuery and Scorer
    # are defined before it and it keeps them.
    if pagename == "search" and getattr(app.builder, "search", False) and _is_folded_french(app):
        app.add_js_file(WEIGHTS_JS, priority=200)
        app.add_js_file(SEARCH_JS, priority=201)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(SearchFrenchFolded)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _doctree_read)
    app.connect("env-purge-doc", _env_purge_doc)
    app.connect("env-merge-info", _env_merge_info)
    app.connect("env-updated", _env_updated)
    app.connect("html-page-context", _add_search_scripts)
    return {
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
