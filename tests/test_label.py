"""The line-role model (convert/label.py) and what the pages make of its roles.

The model is trained from the hand-written annotations of tests/data
(ROLES.md); these tests check that the committed model is exactly what
``make model`` trains from them, and that on the five dumps the rendered
pages show each annotated role as it should be shown. Generalisation is
measured by ``make eval`` (eval/RESULTS.md), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from annotations import DATA, read_rows
from handbook.convert.label import decode, examples, model_path, train
from handbook.convert.model import Heading, Line, Quote, SeeAlso
from handbook.convert.pipeline import analyse, default_sources
from handbook.convert.structure import structure
from handbook.data.annotations import ROLES, annotated_files

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_model_is_what_training_on_the_annotations_gives(tmp_path: Path) -> None:
    retrained = tmp_path / "roles.crfsuite"
    train(((e.xseq, e.yseq) for e in examples(ROOT, DATA)), retrained)
    assert retrained.read_bytes() == model_path().read_bytes(), (
        "tools/handbook/convert/roles.crfsuite is stale: run `make model` and commit it"
    )


def test_every_annotation_follows_its_dump_and_uses_known_roles() -> None:
    found = annotated_files(DATA, ROOT / "sources")
    assert {item.group for item in found} == {"corpus", "unseen", "fixtures"}
    for item in found:
        lines = item.text_path.read_text("utf-8").split("\n")
        for row in item.rows:
            assert row.role in ROLES, (item.name, row.line, row.role)
            assert lines[row.line - 1] == row.text, (item.name, row.line)
    examples(ROOT, DATA)  # raises if a row is missing or extra


@pytest.fixture(scope="module")
def corpus():
    return analyse(default_sources(ROOT), root=ROOT)


def _annotated_roles() -> dict[tuple[str, int], str]:
    roles = {}
    for tsv in sorted((DATA / "roles").glob("*.tsv")):
        for row in read_rows(tsv):
            roles[(f"sources/{tsv.stem}.txt", row.line)] = row.role
    return roles


NOT_HEADINGS = {
    "paragraph", "caption", "credit", "byline", "attribution", "see_also", "see_also_label",
    "list_item", "quote", "date", "fact", "timetable",
}  # fmt: skip


def test_on_the_dumps_headings_are_the_annotated_headings_at_their_level(corpus) -> None:
    annotated = _annotated_roles()
    wrong = []
    for article in corpus.articles:
        file = article.kept.file
        headings = {}
        for block in structure(article.body):
            if isinstance(block, Heading):
                headings[block.text] = block.level
        for line in article.body:
            role = annotated[(file, line.number)]
            text = line.text.strip(" \t\u00a0")
            if role in NOT_HEADINGS and text in headings:
                wrong.append(f"{file}:{line.number} {role} rendu en titre de section")
            if role.startswith("heading") and headings.get(text) != int(role[-1]):
                wrong.append(f"{file}:{line.number} {role} rendu {headings.get(text)}")
    assert wrong == []


def test_on_the_dumps_separate_lines_stay_separate_blocks(corpus) -> None:
    for article in corpus.articles:
        for block in structure(article.body):
            for value in vars(block).values():
                if isinstance(value, str):
                    assert "\n" not in value, (article.slug, value)


def test_quote_attributions_and_see_also_blocks_on_the_dumps(corpus) -> None:
    blocks = [b for a in corpus.articles for b in structure(a.body)]
    attributed = [b for b in blocks if isinstance(b, Quote) and b.attribution]
    assert any(b.attribution.startswith("Jacqueline Gourault") for b in attributed)
    see_also = [b for b in blocks if isinstance(b, SeeAlso)]
    assert see_also and all(b.items for b in see_also)
    assert any(b.label == "Voir aussi" for b in see_also)


STUB_SCORES = {"heading2": 0.6, "credit": 0.3, "byline": 0.05, "B-title": 0.05}


class _SureOfHeadings:
    """A stand-in tagger that takes every line for a heading (STUB_SCORES)."""

    scores = STUB_SCORES

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return ["heading2"] * len(xseq)

    def labels(self) -> list[str]:
        return list(self.scores)

    def marginal(self, label: str, position: int) -> float:
        return self.scores[label]


def test_a_credit_byline_or_date_line_is_never_a_title_or_heading() -> None:
    texts = [
        "Un vrai intertitre",
        "© Ville de Montauzan",
        "Par Camille Roussel",
        "Publié le 3 mars 2024",
    ]
    lines = [Line(n, t) for n, t in enumerate(texts, start=1)]
    decided = decode(_SureOfHeadings(), [[] for _ in lines], lines)
    # the first line of text starts the article: its heading becomes the title
    assert [(d.role, d.start) for d in decided] == [
        ("title", True),
        ("credit", False),
        ("credit", False),
        ("credit", False),
    ]
    assert all(d.alternative == "heading2" for d in decided[1:])
