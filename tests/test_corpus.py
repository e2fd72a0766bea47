"""The real corpus: the articles found match the hand-written expectation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from handbook.convert.pipeline import analyse, default_sources, ledger

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = yaml.safe_load((ROOT / "tests/data/expected_articles.yaml").read_text("utf-8"))


def _spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture(scope="module")
def corpus():
    return analyse(default_sources(ROOT), root=ROOT)


def test_unique_articles_and_titles(corpus) -> None:
    assert len(corpus.articles) == len(EXPECTED["articles"]) == 32
    assert sorted(_spaces(a.title) for a in corpus.articles) == sorted(
        a["title"] for a in EXPECTED["articles"]
    )


def test_every_occurrence_is_found(corpus) -> None:
    expected = {
        (_spaces(a["title"]), f"sources/{file}", line)
        for a in EXPECTED["articles"]
        for file, line in a["occurrences"]
    }
    found = {
        (_spaces(a.title), occ.file, occ.first_line)
        for a in corpus.articles
        for occ in a.occurrences
    }
    assert found == expected


def test_expected_dropped_lines(corpus) -> None:
    reported = {(d.file, d.line, d.reason) for d in corpus.dropped}
    for file, line, reason in EXPECTED["dropped"]:
        assert (f"sources/{file}", line, reason) in reported


def test_metadata_stated_as_metadata(corpus) -> None:
    for meta in EXPECTED["metadata"]:
        article = next(a for a in corpus.articles if a.title.startswith(meta["title_startswith"]))
        assert article.date == meta.get("date")
        assert list(article.tags) == meta.get("tags", [])
        assert list(article.authors) == meta.get("authors", [])
    undated = [a for a in corpus.articles if not a.title.startswith("Habitants")]
    assert all(a.date is None for a in undated)  # event dates in bodies are not publication dates


def test_no_line_is_lost_or_placed_twice(corpus) -> None:
    places = ledger(corpus)
    assert "lost" not in places.values()
    total = sum(1 for s in corpus.sources for line in s.lines if not line.blank)
    assert len(places) == total


def test_the_most_complete_copy_is_kept(corpus) -> None:
    for article in corpus.articles:
        if len(article.occurrences) > 1:
            sizes = {
                s.occurrence: sum(len(line.text) for line in s.body)
                for s in corpus.segments
                if s.occurrence in article.occurrences
            }
            assert sizes[article.kept] == max(sizes.values())


def test_list_json_contract_and_determinism() -> None:
    command = [sys.executable, "-m", "handbook.cli", "list", "--format", "json"]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    second = subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    assert first.stdout == second.stdout
    records = json.loads(first.stdout)
    assert len(records) == 32
    for record in records:
        assert {"slug", "title", "date", "authors", "theme", "page", "occurrences", "kept"} <= set(
            record
        )
        assert record["page"] == f"docs/articles/{record['slug']}.md"
        assert record["kept"] in record["occurrences"]
        for occ in record["occurrences"]:
            assert occ["file"].startswith("sources/") and occ["first_line"] <= occ["last_line"]
    assert len({r["slug"] for r in records}) == 32


def test_list_dropped_json() -> None:
    command = [sys.executable, "-m", "handbook.cli", "list", "--dropped", "--format", "json"]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout
    records = json.loads(out)
    reasons = {r["reason"] for r in records}
    assert {"site-chrome", "repeated-title", "feed-footer", "duplicate-occurrence"} <= reasons
    assert all({"file", "line", "text", "reason"} <= set(r) for r in records)
