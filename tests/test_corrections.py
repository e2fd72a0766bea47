"""Line corrections resolved against the sources: the cases a review found.

A plain start never makes a title, contradictory entries are reported and
not applied, a kept chrome line takes a role that keeps it, retyped text
with other spacing still names its line.
"""

from __future__ import annotations

from pathlib import Path

from handbook.convert.correct import resolve
from handbook.convert.label import with_roles
from handbook.convert.model import Line, LineLabel, SourceText
from handbook.convert.pipeline import analyse, stale_problem
from handbook.data.corrections import Corrections, LineEntry

ROOT = Path(__file__).resolve().parent.parent

DUMP = """Le jardin partagé ouvre ses portes

Les habitants du quartier ont planté les premiers légumes samedi matin.

Chacun peut venir arroser, désherber et récolter, selon un planning affiché sur place.

Photo : les bénévoles devant le cabanon

Un atelier de compostage pour les écoles

Les élèves de CM1 apprendront à trier les déchets de la cantine.
"""


def _source(text: str, path: str = "sources/essai.txt") -> SourceText:
    lines = tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1))
    return SourceText(path, "utf-8", lines)


def _entry(section: str, line: int, text: str, at: int, **kw: object) -> LineEntry:
    return LineEntry(section, "sources/essai.txt", line, text, at, **kw)  # type: ignore[arg-type]


def test_a_plain_start_begins_an_article_but_never_makes_its_line_a_title(
    tmp_path: Path,
) -> None:
    dump = tmp_path / "essai.txt"
    dump.write_text(DUMP, "utf-8")
    caption = 7
    entry = LineEntry(
        "role", dump.as_posix(), caption, "Photo : les bénévoles devant le cabanon", 3,
        role="caption", start=True,
    )  # fmt: skip
    analysis = analyse([dump], root=ROOT, corrections=Corrections(entries=(entry,)))
    assert not analysis.stale
    assert caption not in {s.title_line for s in analysis.segments}
    assert caption in {
        min([line.number for line in s.body] + ([s.title_line] if s.title_line else []))
        for s in analysis.segments
    }


def test_contradictory_entries_are_reported_and_the_later_one_is_not_applied() -> None:
    source = _source(DUMP)
    line, text = 9, "Un atelier de compostage pour les écoles"
    fixes = Corrections(entries=(_entry("split", line, text, 4), _entry("merge", line, text, 9)))
    resolved, stale = resolve(fixes, [source])
    assert ("sources/essai.txt", line) in resolved.split
    assert ("sources/essai.txt", line) not in resolved.merge
    (problem,) = stale
    assert problem.rule == "correction-contradictoire" and problem.entry.at == 9
    assert "contredit l'entrée « split » de la ligne 4" in stale_problem(problem)


def test_two_entries_agreeing_on_a_line_are_both_applied() -> None:
    source = _source(DUMP)
    line, text = 7, "Photo : les bénévoles devant le cabanon"
    fixes = Corrections(
        entries=(
            _entry("role", line, text, 3, role="caption"),
            _entry("merge", line, text, 8),
        )
    )
    resolved, stale = resolve(fixes, [source])
    assert not stale
    assert resolved.roles[("sources/essai.txt", line)] == "caption"
    assert ("sources/essai.txt", line) in resolved.merge


def test_a_retyped_text_with_other_spacing_still_names_its_line() -> None:
    source = _source("Titre\n\nDeux  espaces   ici, puis une phrase.\n")
    fixes = Corrections(
        entries=(_entry("role", 1, "Deux espaces ici, puis une phrase.", 2, role="quote"),)
    )
    resolved, stale = resolve(fixes, [source])
    assert not stale and resolved.roles == {("sources/essai.txt", 3): "quote"}


def test_a_blank_text_names_no_line() -> None:
    source = _source("Titre\n\n \n")
    fixes = Corrections(entries=(_entry("chrome", 3, " ", 2),))
    _resolved, stale = resolve(fixes, [source])
    assert len(stale) == 1 and stale[0].rule == "correction-perimee"


def test_a_kept_chrome_line_takes_a_role_that_keeps_it_in_its_article() -> None:
    source = _source("Un titre\n\nMenu principal\n")
    fixes = Corrections(entries=(_entry("role", 3, "Menu principal", 2, role="not-chrome"),))
    resolved, _stale = resolve(fixes, [source])
    labels = (
        LineLabel(1, "title", True, 0.9, "paragraph", 0.9, (("title", 0.9),)),
        # the model's runners-up: a title would start an article, a repeat be dropped
        LineLabel(
            3, "chrome", False, 0.9, "B-title", 0.05,
            (("chrome", 0.9), ("title", 0.05), ("repeat", 0.03), ("paragraph", 0.02)),
        ),
    )  # fmt: skip
    lines = with_roles(source, labels, resolved).lines
    assert lines[2].role == "paragraph" and not lines[2].starts
