"""Stages 5–7 driver: classify, render and write the pages of an analysis.

* Page paths are stable: ``docs/articles/<slug>.md``. An article that
  already has a page keeps that page (and its slug) on later imports even
  if its detected title changes: articles are matched to existing pages by
  their source occurrences, then by title.
* Every page is rendered in memory first; only then are files written, each
  atomically (temporary file + rename). A failure leaves each page either
  old or new, never truncated.
* A page whose bytes would not change is not touched (its mtime is kept).
* A page edited by hand (its fingerprint no longer matches its content) is
  protected: it is left alone unless ``--force`` is given.
* Only one import runs at a time on a handbook (a lock file).
"""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from . import corrections as corrections_mod
from .classify import MANUAL_PAGE_REASON, classify_articles, load_taxonomy
from .errors import LockedError, WriteError
from .model import Article, Page
from .pipeline import Analysis, analyse
from .render import compute_fingerprint, read_front_matter, render_page
from .report import render_dropped_report
from .structure import structure

ARTICLES_DIR = Path("docs/articles")
REPORT_PAGE = Path("docs/rapports/lignes-ecartees.md")
LOCK_FILE = Path(".handbook-import.lock")


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


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{len(self.created)} créée(s), {len(self.updated)} mise(s) à jour, "
            f"{len(self.unchanged)} inchangée(s), {len(self.protected)} protégée(s)."
        ]
        for path in self.protected:
            lines.append(
                f"  protégée : {path} a été modifiée à la main ; elle n'est pas écrasée "
                "(relancez avec --force pour la remplacer)."
            )
        for title in self.ignored:
            lines.append(f"  ignoré (corrections) : {title}")
        return "\n".join(lines)


@dataclass(frozen=True)
class _ScannedPage:
    """An article page as read once per import: its text and front matter."""

    text: str | None  # None when the page is not valid UTF-8
    meta: dict | None  # None when its front matter could not be read


def _scan_pages(root: Path) -> dict[str, _ScannedPage]:
    """The article pages already in the handbook, by path, each read and parsed once."""
    found: dict[str, _ScannedPage] = {}
    folder = root / ARTICLES_DIR
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        text: str | None = None
        try:
            text = path.read_text("utf-8")
            meta, _body, _line = read_front_matter(text)
        except Exception:  # an unreadable page is reported by `handbook check`
            meta = None
        found[(ARTICLES_DIR / path.name).as_posix()] = _ScannedPage(
            text, meta if isinstance(meta, dict) else None
        )
    return found


def existing_pages(root: Path, scanned: dict[str, _ScannedPage] | None = None) -> dict[str, dict]:
    """Front matter of the article pages already in the handbook, by path."""
    pages = _scan_pages(root) if scanned is None else scanned
    return {path: page.meta if page.meta is not None else {} for path, page in pages.items()}


def _overlaps(article: Article, sources: list) -> bool:
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
        for path in sorted(candidates, key=order.__getitem__):
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
        by_slug[slug] = PlannedPage(article, (ARTICLES_DIR / f"{slug}.md").as_posix())
    return PagePlan(articles, by_slug)


def full_analysis(paths: list[Path], root: Path) -> tuple[Analysis, PagePlan, list[str]]:
    """Analyse, apply the instructors' corrections, plan pages and classify."""
    fixes = corrections_mod.load_corrections(root)
    analysis = analyse(paths, root=root, corrections=fixes)
    scanned = _scan_pages(root)
    plan = plan_pages(analysis, root, scanned)
    articles, ignored, dropped = corrections_mod.apply_to_articles(plan.articles, fixes)
    if dropped:
        analysis = replace(
            analysis, dropped=tuple(sorted([*analysis.dropped, *dropped], key=lambda d: (d.file, d.line)))
        )
    paths = {plan[a.slug].page_path: a.slug for a in articles}
    manual = hand_chosen_themes(root, paths, scanned)
    classified = classify_articles(articles, load_taxonomy(root), fixes.themes, manual)
    plan = PagePlan(classified, {a.slug: PlannedPage(a, plan[a.slug].page_path) for a in classified})
    return analysis, plan, ignored


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
            except Exception:
                continue
            if not isinstance(meta, dict):
                continue
        if meta.get("theme_source") != "manual" and not _fingerprint_differs(text, meta):
            continue
        theme = meta.get("theme")
        if isinstance(theme, str) and theme:
            chosen[slug] = theme
    return chosen


def render_all(plan: PagePlan) -> dict[str, str]:
    pages: dict[str, str] = {}
    for article in plan.articles:
        blocks = tuple(structure(article.body, article.authors))
        extra: dict[str, object] = {}
        if article.theme is not None and article.theme.reasons == (MANUAL_PAGE_REASON,):
            extra["theme_source"] = "manual"  # remembered even after the page is regenerated
        page = Page(article=article, blocks=blocks, extra_meta=extra)
        pages[plan[article.slug].page_path] = render_page(page)
    return pages


def run_import(paths: list[Path], *, root: Path, force: bool = False) -> ImportReport:
    lock = FileLock(str(root / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"{LOCK_FILE.as_posix()} : un autre import est déjà en cours sur ce manuel. "
            "Attendez qu'il se termine, puis relancez."
        ) from None
    try:
        analysis, plan, ignored = full_analysis(paths, root)
        # Render everything in memory before writing anything.
        pages = render_all(plan)
        pages[REPORT_PAGE.as_posix()] = render_dropped_report(analysis)
        report = ImportReport(ignored=ignored)
        for relative, text in pages.items():
            write_page(root / relative, relative, text, report, force=force)
        return report
    finally:
        lock.release()


def is_hand_edited(current: str) -> bool:
    """True when a page's content no longer matches the fingerprint it was written with."""
    try:
        meta, _body, _line = read_front_matter(current)
    except Exception:
        return True
    return _fingerprint_differs(current, meta)


def _fingerprint_differs(current: str, meta: Any) -> bool:
    """:func:`is_hand_edited` for a page whose front matter ``meta`` is already parsed."""
    stored = meta.get("fingerprint") if isinstance(meta, dict) else None
    return stored is None or stored != compute_fingerprint(current)


def write_page(path: Path, relative: str, text: str, report: ImportReport, *, force: bool) -> None:
    data = text.encode("utf-8")
    if path.exists():
        current = path.read_bytes()
        if current == data:
            report.unchanged.append(relative)
            return
        generated = relative != REPORT_PAGE.as_posix()
        if generated and not force and is_hand_edited(current.decode("utf-8", errors="replace")):
            report.protected.append(relative)
            return
        atomic_write(path, data, relative)
        report.updated.append(relative)
    else:
        atomic_write(path, data, relative)
        report.created.append(relative)


def atomic_write(path: Path, data: bytes, relative: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            if os.path.exists(temp):
                os.unlink(temp)
            raise
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            message = "disque plein : la page n'a pas été écrite (l'ancienne version est intacte)."
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            message = "écriture refusée (permissions ou disque en lecture seule)."
        else:
            message = f"écriture impossible ({os.strerror(exc.errno) if exc.errno else exc})."
        raise WriteError(relative, message) from None
