"""``handbook check``: one fixture page per rule, French messages with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from handbook.commands.check import run_check

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import copy_inputs
except ImportError:  # tests/ became a package
    from tests.sphinx_util import copy_inputs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/check"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """The handbook's data files and conf.py, no page, no dump."""
    root = copy_inputs(tmp_path, sources=False)
    (root / "docs/articles").mkdir()
    return root


def _check(repo: Path, *names: str) -> list[str]:
    for name in names:
        shutil.copy(FIXTURES / f"{name}.md", repo / "docs/articles" / f"{name}.md")
    return [p.format() for p in run_check(repo)]


def test_a_valid_page_passes(repo: Path) -> None:
    assert _check(repo, "valid") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "missing-field",
            "docs/articles/missing-field.md:1: champ « en-tête » : champ obligatoire manquant : authors. (schema)",
        ),
        (
            "bad-date",
            "docs/articles/bad-date.md:5: champ « date » : « 12/05/2024 » n'a pas la forme attendue",
        ),
        (
            "wrong-slug",
            "docs/articles/wrong-slug.md:3: le slug « autre-chose » doit être égal au nom du fichier « wrong-slug ». (slug)",
        ),
        (
            "unknown-theme",
            "docs/articles/unknown-theme.md:4: thème inconnu « cuisine ». Thèmes valides :",
        ),
        ("raw-directive", "docs/articles/raw-directive.md:12: directive ou rôle « raw » interdit"),
        (
            "include-directive",
            "docs/articles/include-directive.md:14: directive ou rôle « include » interdit",
        ),
        ("python-tag", "docs/articles/python-tag.md:2: en-tête YAML invalide"),
        ("image-no-alt", "docs/articles/image-no-alt.md:12: image sans texte alternatif"),
        ("html-block", "docs/articles/html-block.md:12: balise HTML dans la page"),
    ],
)
def test_each_rule_reports_file_line_and_french_message(
    repo: Path, name: str, expected: str
) -> None:
    messages = _check(repo, name)
    assert any(m.startswith(expected) for m in messages), messages


def test_image_not_found(repo: Path) -> None:
    messages = _check(repo, "image-no-alt")
    assert any("image introuvable : « absente.png »" in m for m in messages)


def test_all_problems_are_reported_in_one_run(repo: Path) -> None:
    messages = _check(repo, "bad-date", "wrong-slug", "raw-directive", "valid")
    rules = sorted(m.rsplit("(", 1)[-1].rstrip(")") for m in messages)
    assert rules == ["directive-interdite", "html", "schema", "slug"]


def test_duplicate_slug(repo: Path) -> None:
    text = (FIXTURES / "valid.md").read_text("utf-8").replace("slug: valid", "slug: copie")
    (repo / "docs/articles/copie.md").write_text(text, encoding="utf-8")
    (repo / "docs/articles/COPIE.md").write_text(text, encoding="utf-8")
    messages = [p.format() for p in run_check(repo)]
    assert any("déjà utilisé" in m for m in messages)


def test_out_of_sync_sources(repo: Path) -> None:
    shutil.copy(ROOT / "sources/capcom-rencontres-2014.txt", repo / "sources/capcom.txt")
    messages = [p.format() for p in run_check(repo)]
    assert any(
        m.startswith("sources/capcom.txt:3: l'article « Habitants 2.0") and "make import" in m
        for m in messages
    )


def test_bad_glossary_is_reported(repo: Path) -> None:
    glossary = repo / "docs/_data/glossary.yaml"
    glossary.write_text(
        glossary.read_text("utf-8").replace("definition:", "definitio:", 1), encoding="utf-8"
    )
    messages = [p.format() for p in run_check(repo)]
    assert any(m.startswith("docs/_data/glossary.yaml:") for m in messages), messages


# The command itself (exit codes, --format github): tests/test_cli.py.


def test_the_real_handbook_passes() -> None:
    assert [p.format() for p in run_check(ROOT)] == []
