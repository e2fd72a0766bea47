"""The manifest: what the extension knows about the handbook before reading it.

Built once per build, at ``builder-inited`` (in the main process, before any
parallel reader is forked), from the article pages' front matter and first
paragraph, ``docs/_data/themes.yaml`` and ``docs/_data/glossary.yaml``:

* the articles of each theme, newest first (date descending, undated last,
  then title, then slug);
* for each article its related articles (same theme first, then the others,
  each group by textual similarity, ties broken by slug) and its previous /
  next article in the theme;
* for each article the *additions* the extension puts on its page (metadata
  line, related articles, previous/next), as plain data, and their hash: an
  article whose additions changed since it was last read is read again.

Nothing here depends on Sphinx, so it can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common import text as shapes
from ..common.frontmatter import key_lines, read_front_matter
from ..common.similarity import all_pairs, smooth_idf, top_normalised
from ..data.glossary import GlossaryEntry, word_keys
from ..data.names import ProperNames
from .lead import extract_lead

__all__ = [
    "ADDITIONS_VERSION",
    "Article",
    "Manifest",
    "ThemePage",
    "build_manifest",
    "read_article",
]

#: bump when the rendering of the additions changes, so that every article
#: is read again
ADDITIONS_VERSION = 1
RELATED_COUNT = 3
#: terms kept per article vector (highest TF-IDF weights): bounds the cost
#: of the pairwise comparison on large handbooks
VECTOR_TERMS = 40
TITLE_WEIGHT = 3
NO_THEME = ""


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """What the extension needs to know about one article page."""

    docname: str
    slug: str
    path: Path
    title: str
    theme: str
    date: dt.date | None
    authors: tuple[str, ...]
    sources: tuple[tuple[str, int, int], ...]
    lead: str
    theme_line: int
    #: a second theme (front matter ``also_theme``): listed there under « À lire aussi »
    also_theme: str = ""

    @property
    def sort_key(self) -> tuple:
        """Newest first, undated last, then by title and slug."""
        ordinal = -self.date.toordinal() if self.date else 0
        return (self.date is None, ordinal, shapes.compare_key(self.title), self.slug)


@dataclass
class ThemePage:
    """A theme of themes.yaml (or the catch-all page of unthemed articles)."""

    id: str
    title: str
    description: str
    objectives: list[str] = field(default_factory=list)
    exercises: list[dict[str, str]] = field(default_factory=list)
    #: self-check questions, shaped as in themes.yaml (``question``, ``choices``, ``answer``)
    quiz: list[dict[str, Any]] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # docnames, in order
    #: articles of other themes that serve this one too (« À lire aussi »), in order
    also: list[str] = field(default_factory=list)


@dataclass
class Manifest:
    articles: dict[str, Article]
    themes: dict[str, ThemePage]  # themes.yaml order
    unthemed: ThemePage | None
    related: dict[str, list[str]]
    neighbours: dict[str, tuple[str | None, str | None]]
    glossary: tuple[GlossaryEntry, ...]
    unknown_themes: dict[str, str]  # docname -> unknown theme id
    additions: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    def theme_of(self, docname: str) -> ThemePage | None:
        article = self.articles[docname]
        return self.themes.get(article.theme)

    def summary(self) -> list[dict[str, Any]]:
        """What the home-page theme grid shows."""
        pages = [*self.themes.values(), *([self.unthemed] if self.unthemed else [])]
        return [
            {"id": p.id, "title": p.title, "description": p.description, "count": len(p.articles)}
            for p in pages
        ]


def read_article(path: Path, docname: str) -> tuple[Article, dict[str, int]]:
    """Read one page; returns the article and its term counts (for similarity).

    The counts are the French stems of the body, title stems counting
    ``TITLE_WEIGHT`` times.

    Raises ``ValueError`` (or a YAML error) when the front matter is unusable.
    """
    text = path.read_text("utf-8")
    meta, body, _line = read_front_matter(text)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        heading = re.search(r"^# (.+)$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else path.stem
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    sources = []
    for item in meta.get("sources") or []:
        if isinstance(item, dict) and item.get("file"):
            try:
                sources.append((str(item["file"]), int(item["first_line"]), int(item["last_line"])))
            except (KeyError, TypeError, ValueError):
                continue
    theme = meta.get("theme") or NO_THEME
    article = Article(
        docname=docname,
        slug=str(meta.get("slug") or path.stem),
        path=path,
        title=" ".join(title.split()),
        theme=str(theme).strip(),
        date=_date(meta.get("date")),
        authors=tuple(" ".join(str(a).split()) for a in authors if str(a).strip()),
        sources=tuple(sources),
        lead=extract_lead(body),
        theme_line=key_lines(text).get("theme", 1),
        also_theme=str(meta.get("also_theme") or "").strip(),
    )
    counts = Counter(shapes.stems(body))
    for stem in shapes.stems(article.title):
        counts[stem] += TITLE_WEIGHT
    return article, dict(counts)


# --------------------------------------------------------------------------
# similarity
# --------------------------------------------------------------------------


def _vectors(counts: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, float]]]:
    """Normalised TF-IDF vectors (their ``VECTOR_TERMS`` heaviest terms), sublinear TF."""
    df: Counter[str] = Counter()
    for count in counts.values():
        df.update(count.keys())
    total = len(counts)
    return {
        docname: top_normalised(
            ((term, (1 + math.log(n)) * smooth_idf(df[term], total)) for term, n in count.items()),
            VECTOR_TERMS,
        )
        for docname, count in counts.items()
    }


# --------------------------------------------------------------------------
# the manifest
# --------------------------------------------------------------------------


def _related(
    article: Article,
    by_doc: dict[str, Article],
    pages: dict[str, ThemePage],
    scores: dict[str, float],
) -> list[str]:
    """``RELATED_COUNT`` articles: same theme first, then the others; each
    group by decreasing similarity, ties broken by slug."""

    def key(other: str) -> tuple[float, str]:
        # rounded: the order of the additions must not decide a tie
        return (-round(scores.get(other, 0.0), 9), by_doc[other].slug)

    page = pages.get(article.theme)
    same = [d for d in page.articles if d != article.docname] if page else []
    chosen = heapq.nsmallest(RELATED_COUNT, same, key=key)
    taken = {article.docname, *same}
    if len(chosen) < RELATED_COUNT:
        similar = [d for d in scores if d not in taken]
        chosen += heapq.nsmallest(RELATED_COUNT - len(chosen), similar, key=key)
    if len(chosen) < RELATED_COUNT:  # nothing in common: fill in by slug
        taken.update(chosen)
        rest = (d for d in sorted(by_doc, key=lambda d: by_doc[d].slug) if d not in taken)
        chosen += list(itertools.islice(rest, RELATED_COUNT - len(chosen)))
    return chosen


def _glossary_signature(glossary: tuple[GlossaryEntry, ...], names: ProperNames) -> str:
    """What the automatic links depend on: the forms and their target terms,
    the words written as in the glossary, its contexts, and the proper names."""
    forms = sorted(
        (list(word_keys(form)), form, entry.term) for entry in glossary for form in entry.forms
    )
    contexts = [
        (entry.term, list(entry.skip_in), list(entry.link_in), list(entry.near))
        for entry in glossary
    ]
    blob = json.dumps([forms, contexts, list(names.names), list(names.heads)], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def build_manifest(
    articles: list[tuple[Article, dict[str, int]]],
    themes: list[dict[str, Any]],
    glossary: tuple[GlossaryEntry, ...],
    names: ProperNames | None = None,
) -> Manifest:
    """Put articles in their theme pages and relate them to each other.

    ``articles`` are ``(article, term counts)`` pairs (:func:`read_article`),
    ``themes`` the ``themes`` list
    of themes.yaml (dictionaries), in display order.
    """
    by_doc = {a.docname: a for a, _counts in sorted(articles, key=lambda p: p[0].docname)}
    pages: dict[str, ThemePage] = {}
    for item in themes:
        pages[item["id"]] = ThemePage(
            id=item["id"],
            title=" ".join(str(item.get("title", item["id"])).split()),
            description=str(item.get("description") or "").strip(),
            objectives=[str(o) for o in item.get("objectives") or []],
            exercises=[dict(e) for e in item.get("exercises") or []],
            quiz=[dict(q) for q in item.get("quiz") or []],
            related=[str(r) for r in item.get("related") or []],
        )
    unthemed = ThemePage(
        id="sans-theme",
        title="Articles sans thème",
        description=(
            "Ces articles ne sont encore rangés dans aucun thème du cours. "
            "Ils restent accessibles ici en attendant d'être classés."
        ),
    )
    unknown: dict[str, str] = {}
    for article in sorted(by_doc.values(), key=lambda a: a.sort_key):
        if article.theme in pages:
            pages[article.theme].articles.append(article.docname)
        else:
            if article.theme:
                unknown[article.docname] = article.theme
            unthemed.articles.append(article.docname)
    for article in sorted(by_doc.values(), key=lambda a: a.sort_key):
        also = article.also_theme
        if article.theme in pages and also in pages and also != article.theme:
            pages[also].also.append(article.docname)

    vectors = _vectors({a.docname: counts for a, counts in articles})
    scores = all_pairs(vectors)
    related = {
        docname: _related(article, by_doc, pages, scores.get(docname, {}))
        for docname, article in by_doc.items()
    }

    neighbours: dict[str, tuple[str | None, str | None]] = {}
    for page in [*pages.values(), unthemed]:
        for index, docname in enumerate(page.articles):
            previous = page.articles[index - 1] if index > 0 else None
            following = page.articles[index + 1] if index + 1 < len(page.articles) else None
            neighbours[docname] = (previous, following)

    manifest = Manifest(
        articles=by_doc,
        themes=pages,
        unthemed=unthemed if unthemed.articles else None,
        related=related,
        neighbours=neighbours,
        glossary=glossary,
        unknown_themes=unknown,
    )
    signature = _glossary_signature(glossary, names or ProperNames())
    for docname in by_doc:
        additions = _additions(manifest, docname)
        additions["glossary"] = signature
        manifest.additions[docname] = additions
        blob = json.dumps(additions, sort_keys=True, ensure_ascii=False)
        manifest.hashes[docname] = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    return manifest


def _link(manifest: Manifest, docname: str | None) -> list[str] | None:
    if docname is None:
        return None
    return [docname, manifest.articles[docname].title]


def _additions(manifest: Manifest, docname: str) -> dict[str, Any]:
    """Everything the extension adds to an article page, as JSON-able data."""
    article = manifest.articles[docname]
    theme = manifest.themes.get(article.theme)
    if (
        theme is None
        and manifest.unthemed is not None
        and article.docname in manifest.unthemed.articles
    ):
        theme_data: list[str] | None = ["sans-theme", manifest.unthemed.title]
    else:
        theme_data = [theme.id, theme.title] if theme else None
    previous, following = manifest.neighbours.get(docname, (None, None))
    related = []
    for other in manifest.related[docname]:
        other_theme = manifest.themes.get(manifest.articles[other].theme)
        same = other_theme is not None and other_theme is theme
        related.append(
            [
                other,
                manifest.articles[other].title,
                None if same or other_theme is None else other_theme.title,
            ]
        )
    return {
        "version": ADDITIONS_VERSION,
        "theme": theme_data,
        "date": article.date.isoformat() if article.date else None,
        "authors": list(article.authors),
        "sources": [list(s) for s in article.sources],
        "related": related,
        "previous": _link(manifest, previous),
        "next": _link(manifest, following),
    }
