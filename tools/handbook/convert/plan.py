"""Stage 7, plan: which file each article goes to, and what a person chose.

* Page paths are stable: ``docs/articles/<slug>.md``. An article that
  already has a page keeps that page (and its slug) on later imports even
  if its detected title changes: articles are matched to existing pages by
  their source occurrences, then by title.
* A page edited by hand keeps its theme as a person's choice.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..common.frontmatter import fingerprint_differs, read_front_matter
from ..common.layout import ARTICLES
from .model import Analysis, Article


@dataclass(frozen=True)
class PlannedPage:
    article: Article
    page_path: str  # relative to the repository root, POSIX


@dataclass
class PagePlan:
    articles: list[Article]
    by_slug: dict[str, PlannedPage]

    def __getitem__(self, slug: str) -> PlannedPage:
        return self.by_slug[slug]


@dataclass(frozen=True)
class _ScannedPage:
    """An article page as read once per import: its text and front matter."""

    text: str | None  # None when the page is not valid UTF-8
    meta: dict | None  # None when its front matter could not be read


def _scan_pages(root: Path, skip: Container[str] = ()) -> dict[str, _ScannedPage]:
    """The article pages already in the handbook, by path, each read and parsed once.

    Pages whose repository-relative path is in ``skip`` are not read.
    """
    found: dict[str, _ScannedPage] = {}
    folder = root / ARTICLES
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        relative = (ARTICLES / path.name).as_posix()
        if path.name == "index.md" or relative in skip:
            continue
        text: str | None = None
        try:
            text = path.read_text("utf-8")
            meta, _body, _line = read_front_matter(text)
        except (
            OSError,
            UnicodeDecodeError,
            yaml.YAMLError,
        ):  # an unreadable page is reported by `handbook check`
            meta = None
        found[relative] = _ScannedPage(text, meta if isinstance(meta, dict) else None)
    return found


def existing_pages(root: Path, scanned: dict[str, _ScannedPage] | None = None) -> dict[str, dict]:
    """Front matter of the article pages already in the handbook, by path."""
    pages = _scan_pages(root) if scanned is None else scanned
    return {path: page.meta if page.meta is not None else {} for path, page in pages.items()}


def _starts_with(article: Article, sources: list | None) -> bool:
    """Whether one of the page's sources starts where the article's kept copy starts."""
    return any(
        isinstance(source, dict)
        and source.get("file") == article.kept.file
        and source.get("first_line") == article.kept.first_line
        for source in sources or []
    )


def _overlaps(article: Article, sources: list | None) -> bool:
    for source in sources or []:
        if not isinstance(source, dict):
            continue
        for occ in article.occurrences:
            if (
                occ.file == source.get("file")
                and isinstance(source.get("first_line"), int)
                and isinstance(source.get("last_line"), int)
                and occ.first_line <= source["last_line"]
                and source["first_line"] <= occ.last_line
            ):
                return True
    return False


def _pages_by_file(existing: dict[str, dict]) -> tuple[dict[str, list[str]], list[str]]:
    """Existing pages by the source files they cite, and the pages that cannot be indexed.

    Only a page citing a file can overlap an occurrence in that file; a page
    whose ``sources`` is neither empty nor a list is checked as before.
    """
    by_file: dict[str, list[str]] = {}
    others: list[str] = []
    for path, meta in existing.items():
        sources = meta.get("sources")
        if not sources:
            continue
        if not isinstance(sources, list):
            others.append(path)
            continue
        for source in sources:
            if isinstance(source, dict) and isinstance(source.get("file"), str):
                paths = by_file.setdefault(source["file"], [])
                if not paths or paths[-1] != path:
                    paths.append(path)
    return by_file, others


def plan_pages(
    analysis: Analysis, root: Path, scanned: dict[str, _ScannedPage] | None = None
) -> PagePlan:
    """Decide each article's page, keeping the slug of a page that already exists.

    First every article is matched to an existing page sharing one of its
    source occurrences; then unmatched articles get ``<slug>.md``, avoiding
    every existing page (a page written by hand is never taken over).
    """
    existing = existing_pages(root, scanned)
    order = {path: position for position, path in enumerate(existing)}
    by_file, others = _pages_by_file(existing)
    matched: dict[int, str] = {}
    claimed: set[str] = set()
    for index, article in enumerate(analysis.articles):
        # the existing pages, in order, that may overlap one of the occurrences
        candidates = set(others)
        for occ in article.occurrences:
            candidates.update(by_file.get(occ.file, ()))
        # the page that starts where the article starts first (an article
        # joined by a correction keeps its own page, not its neighbour's)
        for path in sorted(
            candidates,
            key=lambda p: (not _starts_with(article, existing[p].get("sources")), order[p]),
        ):
            if path not in claimed and _overlaps(article, existing[path].get("sources")):
                matched[index] = path
                claimed.add(path)
                break
    reserved = {Path(p).stem for p in existing} | {Path(p).stem for p in matched.values()}
    articles: list[Article] = []
    by_slug: dict[str, PlannedPage] = {}
    for index, article in enumerate(analysis.articles):
        if index in matched:
            slug = Path(matched[index]).stem
        else:
            slug, counter = article.slug, 2
            while slug in reserved or slug in by_slug:
                slug, counter = f"{article.slug}-{counter}", counter + 1
            reserved.add(slug)
        article = replace(article, slug=slug)
        articles.append(article)
        by_slug[slug] = PlannedPage(article, (ARTICLES / f"{slug}.md").as_posix())
    return PagePlan(articles, by_slug)


def hand_chosen_themes(
    root: Path, slugs_by_path: dict[str, str], scanned: dict[str, _ScannedPage] | None = None
) -> dict[str, str]:
    """Themes written in pages edited by hand, by slug: a person's choice wins.

    ``scanned`` (see :func:`_scan_pages`) spares reading and parsing again
    the pages read at the start of the import.
    """
    chosen: dict[str, str] = {}
    for relative, slug in slugs_by_path.items():
        page = (scanned or {}).get(relative)
        if page is not None and page.text is not None:
            # read as valid UTF-8 once already: the same text, the same front matter
            text = page.text
            if page.meta is None:
                continue
            meta = page.meta
        else:
            path = root / relative
            if not path.is_file():
                continue
            text = path.read_text("utf-8", errors="replace")
            try:
                meta, _body, _line = read_front_matter(text)
            except yaml.YAMLError:
                continue
            if not isinstance(meta, dict):
                continue
        if meta.get("theme_source") != "manual" and not fingerprint_differs(text, meta):
            continue
        theme = meta.get("theme")
        if isinstance(theme, str) and theme:
            chosen[slug] = theme
    return chosen


def placed_pages(
    scanned: dict[str, _ScannedPage], skip: Container[str]
) -> list[tuple[str, dict, str, bool]]:
    """The article pages with a theme outside ``skip`` (paths), for the classifier.

    Each as ``(slug, front matter, MyST body, chosen by a person)``: a page
    written by hand (no ``sources``), edited by hand, or marked
    ``theme_source: manual`` holds a person's choice; any other page holds
    the classifier's choice, kept.
    """
    found = []
    for relative, page in scanned.items():
        if relative in skip or page.text is None or page.meta is None:
            continue
        theme = page.meta.get("theme")
        if not isinstance(theme, str) or not theme:
            continue
        try:
            _meta, body, _line = read_front_matter(page.text)
        except yaml.YAMLError:
            continue
        manual = (
            page.meta.get("theme_source") == "manual"
            or not page.meta.get("sources")
            or fingerprint_differs(page.text, page.meta)
        )
        found.append((Path(relative).stem, page.meta, body, manual))
    return found
