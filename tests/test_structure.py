"""Raw dump excerpt -> MyST page body, for every structure the converter recognises.

Cases live in tests/fixtures/structure/blocks.md (hand-written expectations).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.convert.model import Page
from handbook.convert.pipeline import analyse
from handbook.convert.render import read_front_matter, render_page
from handbook.convert.structure import structure

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/structure/blocks.md"


def load_cases(path: Path) -> list[tuple[str, str, str]]:
    """Parse ``name / . / input / . / expected / .`` cases after the header paragraph."""
    lines = path.read_text("utf-8").split("\n")
    start = lines.index("") + 1  # skip the header paragraph
    cases, index = [], start
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        name = lines[index]
        assert lines[index + 1] == "."
        end_input = lines.index(".", index + 2)
        end_output = lines.index(".", end_input + 1)
        raw = "\n".join(lines[index + 2 : end_input]) + "\n"
        expected = "\n".join(lines[end_input + 1 : end_output]) + "\n"
        cases.append((name, raw, expected))
        index = end_output + 1
    return cases


CASES = load_cases(FIXTURES)


@pytest.mark.parametrize(("name", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_structure_fixture(name: str, raw: str, expected: str, tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(raw, encoding="utf-8")
    result = analyse([dump], root=ROOT)
    assert len(result.articles) == 1, [a.title for a in result.articles]
    article = result.articles[0]
    page = render_page(
        Page(article=article, blocks=tuple(structure(article.body, article.authors)))
    )
    _meta, body, _line = read_front_matter(page)
    assert body.lstrip("\n") == expected


def test_fixture_file_has_a_case_per_structure() -> None:
    assert len(CASES) >= 11
