"""The French 404 page (sphinx-notfound-page, configured in docs/conf.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import build, describe, make_project
except ImportError:  # tests/ became a package
    from tests.sphinx_util import build, describe, make_project


@pytest.mark.sphinx
def test_site_without_toctree_gets_its_404_page(tmp_path: Path) -> None:
    """No traceback when the site has no toctree (the 404 page's sidebar is empty)."""
    docs = make_project(tmp_path / "project", {}, index="# Accueil\n\nUne seule page.\n")
    result = build(docs, tmp_path / "html")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stdout + result.stderr
    page = (tmp_path / "html" / "404.html").read_text("utf-8")
    assert "<h1>Page introuvable</h1>" in page
    assert 'href="/index.html"' in page
