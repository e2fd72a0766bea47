"""Contribution workflow: GitHub files validate, handbook new, hooks, internal link check."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from handbook.commands.check import run_check
from handbook.commands.newpage import create_page
from handbook.common.errors import HandbookError

ROOT = Path(__file__).resolve().parent.parent
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
    ],
)
def test_github_files_validate(schema: str, pattern: str) -> None:
    files = sorted(str(p) for p in ROOT.glob(pattern))
    assert files
    result = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", schema, *files], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_are_local_only() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    (tmp_path / "docs/articles").mkdir(parents=True)
    shutil.copytree(ROOT / "docs/_data", tmp_path / "docs/_data")
    (tmp_path / "sources").mkdir()
    return tmp_path


def test_new_page_passes_check(repo: Path) -> None:
    relative = create_page(
        repo, "Les « tiers-lieux » : *vraiment* utiles ?", "inclusion-numerique", ["Une Autrice"]
    )
    assert relative.as_posix() == "docs/articles/les-tiers-lieux-vraiment-utiles.md"
    text = (repo / relative).read_text("utf-8")
    assert "\ntheme: inclusion-numerique\n" in text
    assert "# Les « tiers-lieux » : \\*vraiment\\* utiles ?" in text
    assert [p.format() for p in run_check(repo)] == []


def test_new_refuses_existing_slug_and_unknown_theme(repo: Path) -> None:
    create_page(repo, "Un article", "inclusion-numerique", [])
    with pytest.raises(HandbookError, match="une page porte déjà ce nom"):
        create_page(repo, "Un article !", "inclusion-numerique", [])
    with pytest.raises(HandbookError) as info:
        create_page(repo, "Autre", "cuisine", [])
    assert "thème inconnu « cuisine »" in str(info.value)
    assert "inclusion-numerique" in str(info.value) and "protection-des-donnees" in str(info.value)


def test_internal_link_checker(tmp_path: Path) -> None:
    site = tmp_path / "html"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="a/page.html#ok">ok</a>\n<a href="a/page.html#absent">x</a>\n'
        '<a href="manque.html">y</a>\n<a href="https://exemple.org/">ext</a>',
        encoding="utf-8",
    )
    (site / "a/page.html").write_text('<h1 id="ok">Titre</h1>', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/check_links.py"), str(site)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "index.html:2: ancre introuvable « a/page.html#absent »" in result.stdout
    assert "index.html:3: lien interne cassé vers « manque.html »" in result.stdout
    assert "exemple.org" not in result.stdout


def test_hygiene_hooks(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/hygiene.py"), "yaml", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "YAML invalide" in result.stdout
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/hygiene.py"), "end-of-file", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
