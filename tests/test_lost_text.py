"""No article text is lost: checked against the hand-written line roles of the five dumps.

Every line that the annotations (tests/data/roles/, written by reading the
dumps) call article text must reach a page: the page of its article, or the
page of the kept copy when the article is a duplicate. A line may leave an
article only through a declared rule (site chrome, a repeated title, a
correction, a duplicate occurrence) and the report names the rule. Each
annotated article lands in exactly one page, and no page mixes two
annotated articles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from annotations import DATA, NOT_TEXT, ROLES, articles, read_rows
from handbook.convert.pipeline import full_analysis, ledger

ROOT = Path(__file__).resolve().parent.parent
DUMPS = sorted((DATA / "roles").glob("*.tsv"))
#: roles the page's metadata line may show instead of the body (date, author)
METADATA = frozenset({"byline", "date"})


@pytest.fixture(scope="module")
def converted():
    sources = [ROOT / "sources" / f"{path.stem}.txt" for path in DUMPS]
    analysis, plan, _ignored = full_analysis(sources, ROOT)
    return analysis, plan


def _page_of_lines(analysis, plan) -> dict[tuple[str, int], str]:
    """(file, line) -> slug of the page that shows it (kept copy for duplicates)."""
    slug_of = {}
    for article in analysis.articles:
        for occurrence in article.occurrences:
            slug_of[occurrence] = article.slug
    where: dict[tuple[str, int], str] = {}
    for segment in analysis.segments:
        slug = slug_of.get(segment.occurrence)
        numbers = [line.number for line in segment.body]
        if segment.title_line is not None:
            numbers.append(segment.title_line)
        for number in numbers:
            where[(segment.file, number)] = slug
    return where


def test_annotations_match_the_dumps() -> None:
    assert len(DUMPS) == 5
    for path in DUMPS:
        rows = read_rows(path)
        source = (ROOT / "sources" / f"{path.stem}.txt").read_text("utf-8").split("\n")
        non_blank = [(n, t.rstrip("\r")) for n, t in enumerate(source, 1) if t.strip()]
        assert [(r.line, r.text) for r in rows] == non_blank, path.name
        assert {r.role for r in rows} <= ROLES, path.name


def test_no_annotated_text_is_dropped(converted) -> None:
    analysis, _plan = converted
    places = ledger(analysis)
    reasons = {(d.file, d.line): d for d in analysis.dropped}
    lost = []
    for path in DUMPS:
        file = f"sources/{path.stem}.txt"
        for row in read_rows(path):
            if row.role in NOT_TEXT:
                continue
            place = places.get((file, row.line))
            if place == "shown-in-metadata" and row.role in METADATA:
                continue  # on the page, in its metadata line (date, « Par … »)
            if place not in ("page", "duplicate"):
                drop = reasons.get((file, row.line))
                why = f"{drop.reason} {drop.rule}".strip() if drop else place
                lost.append(f"{file}:{row.line} [{row.role}] {row.text[:70]!r} -> {why}")
    assert not lost, "article text dropped from the pages:\n" + "\n".join(lost)


def test_every_drop_names_its_rule(converted) -> None:
    analysis, _plan = converted
    for item in analysis.dropped:
        if item.reason == "site-chrome":
            assert item.rule, f"{item.file}:{item.line} dropped as chrome by no named rule"


def test_each_annotated_article_is_one_page(converted) -> None:
    analysis, plan = converted
    where = _page_of_lines(analysis, plan)
    in_metadata = {(d.file, d.line) for d in analysis.dropped if d.reason == "shown-in-metadata"}
    owners: dict[str, str] = {}
    problems = []
    for path in DUMPS:
        file = f"sources/{path.stem}.txt"
        for number, rows in enumerate(articles(read_rows(path)), 1):
            text = [r for r in rows if r.role not in NOT_TEXT and (file, r.line) not in in_metadata]
            slugs = {where.get((file, r.line)) for r in text}
            label = f"{file}, article {number} ({text[0].text[:50]!r})"
            if len(slugs) != 1 or None in slugs:
                problems.append(f"{label} spread over pages {sorted(map(str, slugs))}")
                continue
            (slug,) = slugs
            first = text[0].text[:50]
            owner = owners.setdefault(slug, first)
            if owner != first and not _same_article(owner, first):
                problems.append(f"{label} shares page {slug} with {owner!r}")
    assert not problems, "\n".join(problems)


def _same_article(a: str, b: str) -> bool:
    """Two copies of one article (in two dumps) start with the same text."""
    return a.replace("\u00a0", " ").strip() == b.replace("\u00a0", " ").strip()
