"""The real handbook, imported and built strictly: nothing lost, contributor pages appear.

* every word of every source line placed in an article page appears in that
  page's HTML (no text lost between the dumps and the site);
* a page created with ``handbook new`` passes ``handbook check``, builds,
  and is listed on its theme page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.commands.check import run_check
from handbook.commands.newpage import create_page
from handbook.convert.pipeline import default_sources, full_analysis, ledger

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import HandbookBuild, build, copy_handbook, describe
except ImportError:  # tests/ became a package
    from tests.sphinx_util import HandbookBuild, build, copy_handbook, describe


@pytest.fixture(scope="module")
def contributor_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real handbook with a page made by ``handbook new``, built strictly."""
    root = copy_handbook(tmp_path_factory.mktemp("handbook"))
    create_page(root, "Mon article de contribution", "communication-de-crise", ["Une Étudiante"])
    assert [p.format() for p in run_check(root)] == []
    out = root / "html"
    result = build(root / "docs", out)
    assert result.returncode == 0, describe(result)
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


@pytest.mark.sphinx
def test_every_word_of_every_article_line_reaches_the_site(real_handbook: HandbookBuild) -> None:
    root, out = real_handbook.root, real_handbook.html
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
def test_a_new_contributor_page_is_listed_under_its_theme(contributor_site: Path) -> None:
    out = contributor_site
    assert (out / "articles/mon-article-de-contribution.html").is_file()
    theme = (out / "themes/communication-de-crise.html").read_text("utf-8")
    assert "mon-article-de-contribution.html" in theme
    assert "Mon article de contribution" in theme
