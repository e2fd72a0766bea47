"""``handbook import --check``: stale pages are reported, nothing is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = Path(sys.executable).with_name("handbook")


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name in ("docs", "sources"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("_build"))
    return repo


def _check(repo: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HANDBOOK), "import", "--check"], cwd=repo, capture_output=True, text=True
    )


def _snapshot(repo: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(repo).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((repo / "docs").rglob("*.md"))
    }


def test_the_committed_pages_are_what_the_sources_give() -> None:
    result = _check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "à jour" in result.stdout


def test_a_sentence_added_to_a_dump_makes_its_page_stale(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    dump = repo / "sources/capcom-rencontres-2014.txt"
    text = dump.read_text("utf-8")
    marker = "Les usagers du numérique sont de plus en plus exigeants"
    assert marker in text
    dump.write_text(text.replace(marker, "Une phrase ajoutée sans réimport. " + marker), "utf-8")
    before = _snapshot(repo)
    result = _check(repo)
    assert result.returncode == 1
    page = "docs/articles/habitants-2-0-adapter-sa-strategie-de-communication-dans-un-territoire-connecte.md"
    assert f"{page} : page périmée, l'import va la mettre à jour." in result.stderr
    assert "make import" in result.stderr
    assert _snapshot(repo) == before  # nothing written


def test_hand_edited_pages_are_listed_not_errors(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    page = next((repo / "docs/articles").glob("une-journee-a-strasbourg*.md"))
    page.write_text(page.read_text("utf-8") + "\nUne note ajoutée à la main.\n", "utf-8")
    result = _check(repo)
    assert result.returncode == 0, result.stderr
    relative = page.relative_to(repo).as_posix()
    assert f"{relative} : modifiée à la main" in result.stdout


def test_a_page_whose_article_left_the_sources_is_deleted_by_import(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "sources/capcom-rencontres-2014.txt").unlink()
    page = "docs/articles/habitants-2-0-adapter-sa-strategie-de-communication-dans-un-territoire-connecte.md"
    result = _check(repo)
    assert result.returncode == 1
    assert f"{page} : page périmée, l'import va la supprimer." in result.stderr
    assert (repo / page).exists()
    env = {**os.environ}
    done = subprocess.run(
        [str(HANDBOOK), "import"], cwd=repo, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "1 supprimée(s)" in done.stdout
    assert not (repo / page).exists()
    assert _check(repo).returncode == 0
