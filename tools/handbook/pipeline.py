"""The driver: run the stages in order on a set of dumps.

1. read      – ``reader.read_source`` for each file
2. segment   – ``segment.prepare`` then ``segment.segment_file``
3. dedupe    – ``dedupe.group_segments`` then ``dedupe.merge_groups``
4. structure, classify, render, write – see ``importer.py``
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import dedupe, reader, segment
from .corrections import Corrections
from .model import Article, Dropped, Segment, SourceText
from .profiles import Profiles, load_profiles

PROFILES_PATH = Path("docs/_data/source-profiles.yaml")


@dataclass(frozen=True)
class Analysis:
    """The result of reading, segmenting and deduplicating a set of dumps."""

    sources: tuple[SourceText, ...]
    segments: tuple[Segment, ...]
    articles: tuple[Article, ...]
    dropped: tuple[Dropped, ...]


def analyse(paths: list[Path], *, root: Path, profiles: Profiles | None = None,
            corrections: Corrections | None = None,
            max_bytes: int = reader.DEFAULT_MAX_BYTES) -> Analysis:
    fixes = corrections or Corrections()
    if profiles is None:
        profiles = load_profiles(root / PROFILES_PATH, PROFILES_PATH.as_posix())
    # 1. read (every file first, so a bad file stops everything before any output)
    sources = [reader.read_source(path, root=root, max_bytes=max_bytes) for path in paths]
    # 2. segment
    prepared = [segment.prepare(source, profiles, fixes) for source in sources]
    context = segment.CorpusContext.build(prepared)
    segments: list[Segment] = []
    dropped: list[Dropped] = []
    for item in prepared:
        result = segment.segment_file(item, context, profiles, fixes)
        segments.extend(result.segments)
        dropped.extend(result.dropped)
    # 3. dedupe
    articles, duplicates = dedupe.merge_groups(dedupe.group_segments(segments))
    dropped.extend(duplicates)
    dropped.sort(key=lambda d: (d.file, d.line))
    return Analysis(tuple(sources), tuple(segments), tuple(articles), tuple(dropped))


def default_sources(root: Path) -> list[Path]:
    return sorted((root / "sources").rglob("*.txt"))


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
