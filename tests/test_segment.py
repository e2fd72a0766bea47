"""Segmentation on small hand-written dumps (tests/fixtures/segment/cases.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handbook.convert.pipeline import analyse, ledger

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((ROOT / "tests/fixtures/segment/cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_segmentation_case(case: dict, tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(case["text"], encoding="utf-8")
    result = analyse([dump], root=ROOT)
    found = [[s.title, s.first_line] for s in result.segments]
    assert found == case["articles"]
    dropped = [[d.line, d.reason] for d in result.dropped]
    assert dropped == case.get("dropped", [])
    places = ledger(result)
    assert "lost" not in places.values()
    meta = case.get("metadata")
    if meta:
        article = next(a for a in result.articles if a.title.startswith(meta["of"]))
        assert list(article.authors) == meta.get("authors", [])
        assert article.date == meta.get("date")
        assert list(article.tags) == meta.get("tags", [])
