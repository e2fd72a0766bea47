"""Raw dump excerpt -> MyST page body, for every structure the converter recognises.

Cases live in tests/fixtures/structure/blocks.md (hand-written expectations).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.convert.chrome import prepare
from handbook.convert.model import (
    Caption,
    Credit,
    Heading,
    Line,
    Page,
    Paragraph,
    Quote,
    SeeAlso,
    SourceText,
)
from handbook.convert.pipeline import analyse
from handbook.convert.render import read_front_matter, render_block, render_page
from handbook.convert.segment import segment_file
from handbook.convert.structure import structure
from handbook.data.profiles import load_profiles

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
    page = render_page(Page(article=article, blocks=tuple(structure(article.body))))
    _meta, body, _line = read_front_matter(page)
    assert body.lstrip("\n") == expected


def test_fixture_file_has_a_case_per_structure() -> None:
    assert len(CASES) >= 11


# --------------------------------------------------------------------------
# blocks from line roles (the roles are given here, as the model would)
# --------------------------------------------------------------------------


def _lines(*pairs: tuple[str, str]) -> tuple[Line, ...]:
    return tuple(Line(n, text, role=role) for n, (role, text) in enumerate(pairs, start=1))


def test_a_heading_with_nothing_under_it_is_a_paragraph_and_levels_nest() -> None:
    blocks = structure(
        _lines(
            ("heading3", "Un intertitre trop profond"),
            ("paragraph", "Un paragraphe."),
            ("heading2", "Un intertitre vide"),
            ("heading2", "Un intertitre suivi de texte"),
            ("paragraph", "Du texte."),
            ("heading2", "Un dernier intertitre, sans rien dessous"),
        )
    )
    assert blocks == [
        Heading("Un intertitre trop profond", 2),
        Paragraph("Un paragraphe."),
        Paragraph("Un intertitre vide"),
        Heading("Un intertitre suivi de texte", 2),
        Paragraph("Du texte."),
        Paragraph("Un dernier intertitre, sans rien dessous"),
    ]


def test_attribution_before_or_after_a_quote_is_attached_to_it() -> None:
    blocks = structure(
        _lines(
            ("quote", "« Nous avons tout changé. »"),
            ("attribution", "Une directrice de la communication"),
            ("attribution", "Un maire"),
            ("quote", "« Nous écoutons les habitants. »"),
        )
    )
    assert blocks == [
        Quote("« Nous avons tout changé. »", "Une directrice de la communication"),
        Quote("« Nous écoutons les habitants. »", "Un maire"),
    ]
    page = render_block(blocks[0])
    assert page.startswith("::::{container} citation\n> « Nous avons tout changé. »")
    assert ":::{container} attribution\nUne directrice de la communication\n:::" in page


def test_see_also_items_are_one_list_under_their_label_not_headings() -> None:
    blocks = structure(
        _lines(
            ("paragraph", "Fin de l’article."),
            ("see_also_label", "À lire aussi"),
            ("see_also", "Un autre article"),
            ("see_also", "  • Encore un autre"),
        )
    )
    assert blocks[1:] == [SeeAlso("À lire aussi", ("Un autre article", "Encore un autre"))]
    assert render_block(blocks[1]) == (
        ":::{container} voir-aussi\n**À lire aussi**\n\n- Un autre article\n- Encore un autre\n:::"
    )


def test_a_caption_repeated_on_the_next_line_is_shown_once() -> None:
    # the roles are given (the model's judgement on such blocks is measured by make eval)
    texts = [
        ("title", "Les jardins partagés de la ville s’agrandissent"),
        ("paragraph", "La ville a inauguré samedi trois nouvelles parcelles."),
        ("caption", "Les jardiniers devant la nouvelle parcelle"),
        ("repeat", "Les jardiniers devant la nouvelle parcelle"),
        ("credit", "© Ville de Montauzan"),
        ("repeat", "© Ville de Montauzan (archives)"),  # not the same text: kept
    ]
    lines = tuple(
        Line(2 * n - 1, text, role=role, starts=n == 1)
        for n, (role, text) in enumerate(texts, start=1)
    )
    blank = tuple(Line(2 * n, "") for n in range(1, len(texts) + 1))
    source = SourceText(
        "sources/t.txt", "utf-8", tuple(sorted(lines + blank, key=lambda x: x.number))
    )
    profiles = load_profiles(ROOT / "docs/_data/source-profiles.yaml", "profils")
    result = segment_file(prepare(source, profiles), profiles)
    assert [(d.line, d.reason) for d in result.dropped] == [(7, "repeated-line")]
    blocks = structure(result.segments[0].body)
    assert blocks == [
        Paragraph("La ville a inauguré samedi trois nouvelles parcelles."),
        Caption("Les jardiniers devant la nouvelle parcelle"),
        Credit("© Ville de Montauzan"),
        Paragraph("© Ville de Montauzan (archives)"),
    ]
