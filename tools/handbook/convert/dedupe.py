"""Stage 5, dedupe: group the occurrences of one article, keep the most complete.

A copy is dropped as a duplicate only if every line of it is also in the
kept copy; otherwise it stays an article of its own (nothing is lost).

Candidate pairs come from an inverted index of long body lines (a line of
40+ characters, compared after folding), so the cost grows with the number
of lines, not with the square of the number of articles. A candidate pair
is confirmed with rapidfuzz on titles, or on the beginning of the texts
when titles differ (a copy retitled upstream). A copy cut short at a file's
end shares its first lines with the full copy and is grouped with it.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz
from slugify import slugify

from . import shapes
from .model import Article, Dropped, Segment

TITLE_RATIO = 90
TEXT_RATIO = 85
MIN_KEY_CHARS = 40
SLUG_MAX_LENGTH = 80


def _line_keys(segment: Segment) -> set[str]:
    keys = set()
    for line in segment.body:
        key = shapes.compare_key(line.text)
        if len(key) >= MIN_KEY_CHARS:
            keys.add(key)
    return keys


def _same_article(a: Segment, b: Segment) -> bool:
    title, text = _ratios(a, b)
    return title >= TITLE_RATIO or text >= TEXT_RATIO


def _ratios(a: Segment, b: Segment) -> tuple[float, float]:
    """How alike two occurrences' titles and beginnings are (0–100 each)."""
    title = fuzz.ratio(shapes.compare_key(a.title), shapes.compare_key(b.title))
    if title >= TITLE_RATIO:
        return title, 0.0
    head_a = shapes.compare_key(" ".join(line.text for line in a.body))[:1500]
    head_b = shapes.compare_key(" ".join(line.text for line in b.body))[:1500]
    shortest = min(len(head_a), len(head_b))
    text = fuzz.ratio(head_a[:shortest], head_b[:shortest]) if shortest else 0.0
    return title, text


def match_confidence(a: Segment, b: Segment) -> float:
    """How sure the tool is that two grouped occurrences are one article (0–1).

    0 at the matching threshold, 1 for identical titles (or beginnings).
    """
    title, text = _ratios(a, b)
    if title >= TITLE_RATIO:
        return round((title - TITLE_RATIO) / (100 - TITLE_RATIO), 4)
    return round(max(0.0, text - TEXT_RATIO) / (100 - TEXT_RATIO), 4)


def group_segments(
    segments: list[Segment], distinct: frozenset[tuple[str, int]] = frozenset()
) -> list[list[Segment]]:
    """Groups of occurrences of the same article, in first-seen order.

    An occurrence whose first line is in ``distinct`` (a correction) stays
    alone.
    """
    parent = list(range(len(segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = defaultdict(list)
    by_title: dict[str, list[int]] = defaultdict(list)
    for position, segment in enumerate(segments):
        candidates: set[int] = set()
        title_key = shapes.compare_key(segment.title)
        candidates.update(by_title[title_key])
        for key in _line_keys(segment):
            candidates.update(index[key])
            index[key].append(position)
        by_title[title_key].append(position)
        if _apart(segment, distinct):
            continue
        for other in sorted(candidates):
            if _apart(segments[other], distinct):
                continue
            if find(other) != find(position) and _same_article(segments[other], segment):
                parent[find(position)] = find(other)
    groups: dict[int, list[Segment]] = defaultdict(list)
    for position, segment in enumerate(segments):
        groups[find(position)].append(segment)
    return [groups[root] for root in sorted(groups)]


def _apart(segment: Segment, distinct: frozenset[tuple[str, int]]) -> bool:
    return (segment.file, segment.first_line) in distinct or (
        segment.file,
        segment.title_line,
    ) in distinct


def _completeness(segment: Segment) -> tuple[int, int]:
    return (sum(len(line.text) for line in segment.body), len(segment.body))


def merge_groups(groups: list[list[Segment]]) -> tuple[list[Article], list[Dropped]]:
    """One Article per group (the most complete copy kept) and the duplicate report."""
    articles: list[Article] = []
    dropped: list[Dropped] = []
    used_slugs: set[str] = set()
    pending = [list(g) for g in groups]
    while pending:
        group = pending.pop(0)
        kept = max(group, key=lambda s: (_completeness(s), -group.index(s)))
        # a copy holding a line the kept copy lacks is not a mere duplicate:
        # dropping it would lose that line, so it becomes its own article
        covered = {shapes.compare_key(kept.title)}
        covered.update(shapes.compare_key(line.text) for line in kept.body)
        apart = [s for s in group if s is not kept and not _covered_by(s, covered)]
        if apart:
            group = [s for s in group if s not in apart]
            pending.insert(0, apart)
        occurrences = tuple(s.occurrence for s in group)
        slug = unique_slug(kept.title, used_slugs)
        authors = list(dict.fromkeys(a for s in [kept, *group] for a in s.authors))
        tags = list(dict.fromkeys(t for s in [kept, *group] for t in s.tags))
        articles.append(
            Article(
                title=kept.title,
                slug=slug,
                body=kept.body,
                kept=kept.occurrence,
                occurrences=occurrences,
                date=kept.date or next((s.date for s in group if s.date), None),
                authors=tuple(authors),
                tags=tuple(tags),
            )
        )
        for segment in group:
            if segment is not kept:
                dropped.append(
                    Dropped(
                        segment.file,
                        segment.first_line,
                        f"{segment.title} (copie de lignes {segment.first_line}-{segment.last_line}, "
                        f"version gardée : {kept.file}:{kept.first_line})",
                        "duplicate-occurrence",
                    )
                )
    return articles, dropped


def _covered_by(segment: Segment, covered: set[str]) -> bool:
    return all(
        shapes.compare_key(line.text) in covered
        for line in segment.body
        if shapes.compare_key(line.text)
    )


def make_slug(title: str) -> str:
    return (
        slugify(title, max_length=SLUG_MAX_LENGTH, word_boundary=True, save_order=True) or "article"
    )


def unique_slug(title: str, used: set[str]) -> str:
    base = make_slug(title)
    slug, counter = base, 2
    while slug in used:
        slug, counter = f"{base}-{counter}", counter + 1
    used.add(slug)
    return slug
