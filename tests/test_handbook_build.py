"""The real handbook, imported and built strictly: nothing lost, contributor pages appear.

* every word of every source line placed in an article page appears in that
  page's HTML (no text lost between the dumps and the site);
* a page created with ``handbook new`` passes ``handbook check``, builds,
  and is listed on its theme page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.commands.check import run_check
from handbook.commands.newpage import create_page
from handbook.convert.pipeline import default_sources, full_analysis, ledger

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("handbook")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(ROOT / "sources", root / "sources")
    for name in ("pyproject.toml", "CONTRIBUTING.md"):
        shutil.copy(ROOT / name, root / name)
    create_page(root, "Mon article de contribution", "communication-de-crise", ["Une Étudiante"])
    assert [p.format() for p in run_check(root)] == []
    out = root / "html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            str(root / "docs"),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root, out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.sphinx
def test_every_word_of_every_article_line_reaches_the_site(site: tuple[Path, Path]) -> None:
    root, out = site
    analysis, plan, _ignored = full_analysis(default_sources(root), root)
    places = ledger(analysis)
    lines = {(s.path, line.number): line.text for s in analysis.sources for line in s.lines}
    checked = 0
    for article in plan.articles:
        html = (
            out / plan[article.slug].page_path.replace("docs/", "").replace(".md", ".html")
        ).read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
        text = " ".join(_words(soup.get_text(" ")))
        segment = next(s for s in analysis.segments if s.occurrence == article.kept)
        numbers = [line.number for line in segment.body]
        if segment.title_line:
            numbers.append(segment.title_line)
        for number in numbers:
            assert places[(segment.file, number)] == "page"
            for word in _words(lines[(segment.file, number)]):
                assert word in text, (article.slug, number, word)
                checked += 1
    assert checked > 20000


@pytest.mark.sphinx
def test_a_new_contributor_page_is_listed_under_its_theme(site: tuple[Path, Path]) -> None:
    _root, out = site
    assert (out / "articles/mon-article-de-contribution.html").is_file()
    theme = (out / "themes/communication-de-crise.html").read_text("utf-8")
    assert "mon-article-de-contribution.html" in theme
    assert "Mon article de contribution" in theme
