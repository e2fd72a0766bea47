"""Tests for the project skeleton: Sphinx configuration and CI/RTD files.

Every Sphinx test runs a real, strict build (-W --keep-going -n) in a
subprocess; nothing is mocked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import REPO_ROOT, build, describe, html_files, make_project
except ImportError:  # tests/ became a package
    from tests.sphinx_util import (
        REPO_ROOT,
        build,
        describe,
        html_files,
        make_project,
    )

SCRIPT_MARKER = "<script>alert("

# A minimal configuration that is NOT the handbook's: MyST only, raw HTML
# syntax left enabled, no settings hook. Used to show which layer blocks what.
BARE_MYST_CONF = 'extensions = ["myst_parser"]\n'

RAW_DIRECTIVE_PAGE = """\
# Directive raw

```{raw} html
<script>alert(2)</script>
```
"""

INCLUDE_DIRECTIVE_PAGE = """\
# Inclusion

```{include} ../pyproject.toml
```
"""


def _pages_with_script(outdir: Path) -> list[str]:
    return [
        str(p.relative_to(outdir))
        for p in html_files(outdir)
        if SCRIPT_MARKER in p.read_text(encoding="utf-8")
    ]


# -- The real handbook ----------------------------------------------------------


@pytest.mark.sphinx
def test_real_docs_build_strictly_in_french(real_handbook) -> None:
    html = real_handbook.html
    index = (html / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in index
    assert (html / "a-propos.html").is_file()


@pytest.mark.sphinx
def test_sidebar_lists_only_top_level_entries(tmp_path: Path) -> None:
    """Navigation is limited (max_navbar_depth=1) so that page size does not
    grow with the number of pages: on an article page the sidebar links to the
    section index, never to the sibling articles."""
    articles = [f"articles/article-{i}" for i in range(3)]
    pages = {
        "articles/index": "# Articles\n\n```{toctree}\n"
        + "\n".join(name.removeprefix("articles/") for name in articles)
        + "\n```\n",
        **{name: f"# Article {name[-1]}\n\n## Partie\n\nTexte.\n" for name in articles},
    }
    index = "# Accueil\n\n```{toctree}\narticles/index\n```\n"
    docs = make_project(tmp_path / "proj", pages, index=index)
    result = build(docs, tmp_path / "html")
    assert result.returncode == 0, describe(result)
    soup = BeautifulSoup(
        (tmp_path / "html" / "articles" / "article-1.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    nav = soup.select_one("nav.bd-docs-nav")
    assert nav is not None
    hrefs = [a["href"] for a in nav.select("a")]
    assert "index.html" in hrefs, hrefs  # the section index (current branch)
    assert not [h for h in hrefs if "article-" in h], hrefs
    assert not nav.select("li.toctree-l2"), nav.prettify()


# -- Strictness -----------------------------------------------------------------


@pytest.mark.sphinx
def test_broken_doc_reference_fails_the_build(tmp_path: Path) -> None:
    docs = make_project(
        tmp_path / "proj",
        {"casse": "# Page avec un lien cassé\n\nVoir {doc}`page-absente`.\n"},
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode != 0, describe(result)
    assert "unknown document: 'page-absente'" in result.stderr, describe(result)


# -- Raw HTML and scripts ---------------------------------------------------------
# Decision: raw HTML written in the Markdown (inline or as a block) is NOT an
# error: myst_disable_syntax turns it into escaped text, so the page builds
# and shows "<script>..." literally. The ``raw`` and ``include`` directives,
# on the other hand, are disabled (raw_enabled / file_insertion_enabled =
# false): they emit a docutils warning, which makes the strict build FAIL
# with a clear message. In both cases no HTML file contains an executable
# "<script>alert(" element.


@pytest.mark.sphinx
def test_raw_html_in_markdown_builds_and_is_escaped(tmp_path: Path) -> None:
    docs = make_project(
        tmp_path / "proj",
        {
            "html-brut": (
                "# HTML brut\n\n"
                "Texte <script>alert(1)</script> en ligne.\n\n"
                "<script>alert(1)</script>\n"
            )
        },
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode == 0, describe(result)
    assert _pages_with_script(tmp_path / "html") == []
    page = (tmp_path / "html" / "html-brut.html").read_text(encoding="utf-8")
    # in the body (the page's description meta tags, in <head>, quote it too, escaped)
    shown = page[page.index("<body") :]
    assert shown.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2, page
    body = BeautifulSoup(page, "html.parser").select_one("article")
    assert body is not None
    assert body.find("script") is None


@pytest.mark.sphinx
def test_raw_and_include_directives_fail_the_build_without_script(tmp_path: Path) -> None:
    docs = make_project(
        tmp_path / "proj",
        {"directive-raw": RAW_DIRECTIVE_PAGE, "inclusion": INCLUDE_DIRECTIVE_PAGE},
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode != 0, describe(result)
    assert '"raw" directive disabled' in result.stderr, describe(result)
    assert 'Directive "include" disabled' in result.stderr, describe(result)
    # --keep-going still writes the pages: none of them carries the script.
    assert (tmp_path / "html" / "directive-raw.html").is_file()
    assert _pages_with_script(tmp_path / "html") == []


@pytest.mark.sphinx
@pytest.mark.parametrize(
    ("layer", "project_kwargs"),
    [
        # docs/docutils.conf alone, with a bare conf.py: Sphinx reads it.
        ("docutils.conf", {"conf_py": BARE_MYST_CONF}),
        # docs/conf.py alone (no docutils.conf): its builder-inited hook.
        ("conf.py", {"copy_docutils_conf": False}),
    ],
)
def test_each_layer_alone_disables_raw(
    tmp_path: Path, layer: str, project_kwargs: dict[str, object]
) -> None:
    docs = make_project(
        tmp_path / "proj",
        {"directive-raw": RAW_DIRECTIVE_PAGE, "inclusion": INCLUDE_DIRECTIVE_PAGE},
        **project_kwargs,
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode != 0, f"{layer}: {describe(result)}"
    assert '"raw" directive disabled' in result.stderr, describe(result)
    assert 'Directive "include" disabled' in result.stderr, describe(result)
    assert _pages_with_script(tmp_path / "html") == []


@pytest.mark.sphinx
def test_without_either_layer_raw_script_gets_through(tmp_path: Path) -> None:
    """Control: the same page with neither layer does emit the script, so the
    tests above really exercise docutils.conf and conf.py."""
    docs = make_project(
        tmp_path / "proj",
        {"directive-raw": RAW_DIRECTIVE_PAGE},
        conf_py=BARE_MYST_CONF,
        copy_docutils_conf=False,
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode == 0, describe(result)
    assert _pages_with_script(tmp_path / "html") == ["directive-raw.html"]


# -- Typography -------------------------------------------------------------------


@pytest.mark.sphinx
def test_straight_quotes_and_double_hyphen_are_kept(tmp_path: Path) -> None:
    docs = make_project(
        tmp_path / "proj",
        {"typo": '# Typographie\n\nIl a dit "guillemets droits" -- puis il est parti.\n'},
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode == 0, describe(result)
    soup = BeautifulSoup(
        (tmp_path / "html" / "typo.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = soup.select_one("article").get_text()
    assert 'Il a dit "guillemets droits" -- puis il est parti.' in text
    for curly in ("“", "”", "«", "»", "–", "—"):
        assert curly not in text


# -- CI and Read the Docs configuration ------------------------------------------


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.readthedocs", ".readthedocs.yaml"),
        ("vendor.github-workflows", ".github/workflows/ci.yml"),
    ],
)
def test_config_file_matches_its_schema(schema: str, path: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            schema,
            str(REPO_ROOT / path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
