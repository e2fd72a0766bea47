"""The driver: run the converter's stages in order.

1. read       ``read.read_source``: bytes -> decoded lines, for every file
              first (a bad file stops everything before any output)
2. label      ``label.label_lines``: the role of every line, and where
              articles start (a CRF learned from annotated dumps)
3. chrome     ``chrome.prepare``: site chrome to the report, lines to blocks
4. segment    ``segment.segment_file``: blocks -> article occurrences
5. dedupe     ``dedupe``: occurrences -> unique articles with provenance
6. correct    ``correct``: the instructors' corrections (ignore, retitle); its
              line entries are resolved to lines right after read, and
              applied by label, chrome, segment and dedupe
7. plan       ``plan``: each article's page path, themes chosen by hand
8. classify   ``classify``: article -> course theme with reasons
9. structure  ``structure``: article lines, with their roles -> typed blocks
10. render    ``render``: blocks -> MyST page (the escaping boundary)
11. write     ``write``: pages -> files, atomically and incrementally

:func:`analyse` runs 1–5, :func:`full_analysis` 1–8, :func:`run_import` all,
and writes the reports: dropped lines, and the decisions to review
(``review.review_items``, also ``handbook review``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from filelock import FileLock, Timeout

from ..common.errors import LockedError
from ..common.frontmatter import fingerprint_differs
from ..common.layout import (
    CORRECTIONS_FILE,
    DROPPED_REPORT,
    PROFILES_FILE,
    REVIEW_REPORT,
    SOURCES,
    display,
)
from ..data.corrections import Corrections, load_corrections
from ..data.glossary import load_glossary
from ..data.profiles import Profiles, load_profiles
from ..data.themes import load_taxonomy
from . import chrome, correct, dedupe, label, read, segment
from .classify import MANUAL_PAGE_REASON, classify_articles, page_example
from .correct import apply_to_articles
from .model import Analysis, Dropped, Page, Segment, Stale
from .plan import (
    PagePlan,
    PlannedPage,
    _scan_pages,
    _ScannedPage,
    hand_chosen_themes,
    placed_pages,
    plan_pages,
)
from .render import render_page
from .report import render_dropped_report, render_review_report
from .review import review_items
from .structure import structure
from .write import ImportReport, delete_page, write_page

LOCK_FILE = Path(".handbook-import.lock")


def analyse(
    paths: list[Path],
    *,
    root: Path,
    profiles: Profiles | None = None,
    corrections: Corrections | None = None,
    max_bytes: int = read.DEFAULT_MAX_BYTES,
    model: Path | None = None,
) -> Analysis:
    fixes = corrections or Corrections()
    if profiles is None:
        profiles = load_profiles(root / PROFILES_FILE, PROFILES_FILE.as_posix())
    # 1. read (every file first, so a bad file stops everything before any output)
    sources = [read.read_source(path, root=root, max_bytes=max_bytes) for path in paths]
    # 6. correct (resolved first: the entries name lines by their text)
    fixes, stale = correct.resolve(fixes, sources)
    # 2. label
    corpus = label.corpus_counts(sources)
    labels = {source.path: label.label_lines(source, corpus, model) for source in sources}
    sources = [label.with_roles(source, labels[source.path], fixes) for source in sources]
    # 3. chrome
    prepared = [chrome.prepare(source, profiles, fixes) for source in sources]
    sources = [chrome.with_kept_roles(item) for item in prepared]
    # 4. segment
    segments: list[Segment] = []
    dropped: list[Dropped] = []
    for item in prepared:
        result = segment.segment_file(item, profiles, fixes)
        segments.extend(result.segments)
        dropped.extend(result.dropped)
    # 5. dedupe
    articles, duplicates = dedupe.merge_groups(dedupe.group_segments(segments, fixes.distinct))
    dropped.extend(duplicates)
    dropped.sort(key=lambda d: (d.file, d.line))
    return Analysis(
        tuple(sources),
        tuple(segments),
        tuple(articles),
        tuple(dropped),
        labels,
        fixes,
        stale,
        {item.source.path: item.mode for item in prepared},
    )


def full_analysis(
    paths: list[Path], root: Path, model: Path | None = None
) -> tuple[Analysis, PagePlan, list[str]]:
    """Analyse, apply the instructors' corrections, plan pages and classify."""
    fixes = load_corrections(root)
    analysis = analyse(paths, root=root, corrections=fixes, model=model)
    scanned = _scan_pages(root)
    plan = plan_pages(analysis, root, scanned)
    articles, ignored, dropped = apply_to_articles(plan.articles, analysis.corrections)
    if dropped:
        analysis = replace(
            analysis,
            dropped=tuple(sorted([*analysis.dropped, *dropped], key=lambda d: (d.file, d.line))),
        )
    slugs_by_path = {plan[a.slug].page_path: a.slug for a in articles}
    manual = hand_chosen_themes(root, slugs_by_path, scanned)
    themes = load_taxonomy(root)
    glossary = load_glossary(root, {t.id for t in themes})
    # pages this import is about to delete teach the classifier nothing
    imported = {display(path, root) for path in paths}
    doomed = {
        relative
        for relative, page in scanned.items()
        if relative not in slugs_by_path and _doomed(root, page, imported)
    }
    placed = [
        page_example(slug, meta, body, chosen)
        for slug, meta, body, chosen in placed_pages(scanned, {*slugs_by_path, *doomed})
    ]
    classified = classify_articles(
        articles, themes, fixes.themes, manual, glossary=glossary, placed=placed
    )
    plan = PagePlan(
        classified, {a.slug: PlannedPage(a, plan[a.slug].page_path) for a in classified}
    )
    return analysis, plan, ignored


def render_all(plan: PagePlan) -> dict[str, str]:
    pages: dict[str, str] = {}
    for article in plan.articles:
        blocks = tuple(structure(article.body))
        extra: dict[str, object] = {}
        if article.theme is not None and article.theme.reasons == (MANUAL_PAGE_REASON,):
            extra["theme_source"] = "manual"  # remembered even after the page is regenerated
        elif article.theme is not None and article.theme.also:
            extra["also_theme"] = article.theme.also  # « À lire aussi » on that theme's page
        page = Page(article=article, blocks=blocks, extra_meta=extra)
        pages[plan[article.slug].page_path] = render_page(page)
    return pages


def _orphans(root: Path, paths: list[Path], pages: dict[str, str]) -> list[str]:
    """Generated, unedited article pages left without an article.

    Each of their source files was imported now (and gave no article for
    them) or no longer exists.
    """
    imported = {display(path, root) for path in paths}
    # only the pages the import did not just render (those are not orphans)
    return [
        relative
        for relative, page in _scan_pages(root, skip=pages).items()
        if _doomed(root, page, imported)
    ]


def _doomed(root: Path, page: _ScannedPage, imported: set[str]) -> bool:
    """A generated, unedited page whose source files are all imported now (or gone):
    deleted by this import unless one of its articles is still found."""
    if page.meta is None or page.text is None:
        return False
    sources = page.meta.get("sources")
    if not isinstance(sources, list) or not sources:
        return False  # not written by the converter (e.g. « handbook new »)
    files = {item.get("file") for item in sources if isinstance(item, dict)}
    gone = {f for f in files if isinstance(f, str) and not (root / f).exists()}
    return files <= imported | gone and not fingerprint_differs(page.text, page.meta)


def run_import(
    paths: list[Path], *, root: Path, force: bool = False, check: bool = False
) -> ImportReport:
    """Import ``paths`` into the handbook; with ``check``, only say what would change."""
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
        pages[DROPPED_REPORT.as_posix()] = render_dropped_report(analysis)
        items = review_items(analysis, plan)
        pages[REVIEW_REPORT.as_posix()] = render_review_report(items)
        report = ImportReport(
            ignored=ignored,
            dry_run=check,
            to_review=len(items),
            stale_corrections=[stale_message(s) for s in analysis.stale],
        )
        for relative, text in pages.items():
            write_page(root / relative, relative, text, report, force=force)
        for relative in _orphans(root, paths, pages):
            delete_page(root / relative, relative, report)
        return report
    finally:
        lock.release()


def stale_problem(stale: Stale) -> str:
    """Why an entry of the corrections file has no effect, in French."""
    if stale.rule == "correction-contradictoire":
        return (
            f"l'entrée « {stale.entry.section} » n'est pas appliquée : {stale.why}. "
            "Gardez l'une des deux."
        )
    return (
        f"l'entrée « {stale.entry.section} » ne correspond plus à aucune ligne : {stale.why}. "
        "Mettez-la à jour (voir « make review ») ou supprimez-la."
    )


def stale_message(stale: Stale) -> str:
    """:func:`stale_problem` with the entry's place in the corrections file."""
    return f"{CORRECTIONS_FILE.as_posix()}:{stale.entry.at} : {stale_problem(stale)}"


def default_sources(root: Path) -> list[Path]:
    return sorted((root / SOURCES).rglob("*.txt"))


def ledger(analysis: Analysis) -> dict[tuple[str, int], str]:
    """Where each non-blank source line went: ``page``, ``duplicate`` or a drop reason.

    Raises ``ValueError`` if a line is placed twice, and lists every
    non-blank line that was placed nowhere under the key ``"lost"``. This is
    the no-loss guarantee in executable form (used by the tests).
    """
    kept = {article.kept for article in analysis.articles}
    places: dict[tuple[str, int], str] = {}

    def put(key: tuple[str, int], where: str) -> None:
        if key in places:
            raise ValueError(f"{key[0]}:{key[1]} placée deux fois ({places[key]}, {where})")
        places[key] = where

    for seg in analysis.segments:
        where = "page" if seg.occurrence in kept else "duplicate"
        if seg.title_line is not None:
            put((seg.file, seg.title_line), where)
        for line in seg.body:
            put((seg.file, line.number), where)
    for item in analysis.dropped:
        if item.reason not in ("duplicate-occurrence", "ignored-by-correction"):
            put((item.file, item.line), item.reason)
    lost = [
        (source.path, line.number)
        for source in analysis.sources
        for line in source.lines
        if not line.blank and (source.path, line.number) not in places
    ]
    for key in lost:
        places[key] = "lost"
    return places
