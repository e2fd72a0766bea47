"""Sphinx configuration for the LP CP&ON course handbook.

Project metadata (name, version, URLs) is read from ``../pyproject.toml`` so
that it is defined in exactly one place.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from urllib.parse import quote

# -- Project metadata (single source of truth: pyproject.toml) ---------------

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
with _PYPROJECT.open("rb") as _fh:
    _pyproject = tomllib.load(_fh)
_project_meta = _pyproject["project"]

project = _project_meta["name"]
version = _project_meta["version"]
release = version
author = ", ".join(a["name"] for a in _project_meta.get("authors", []))
copyright = f"%Y, {author}"  # noqa: A001 - Sphinx expects this name; %Y = build year

_urls = _project_meta["urls"]
# Published site. Read the Docs exports the canonical URL of the version being
# built (latest, stable, ...); prefer it there, fall back to the Homepage URL.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", _urls["Homepage"])
# Source repository, used by the theme's repository / edit / issue buttons.
repository_url = _urls["Repository"]
# handbook.sphinxext: the « Contribuer » and « Crédits et droits » pages.
handbook_repository_url = repository_url
handbook_contact = _pyproject.get("tool", {}).get("handbook", {}).get("contact", "")

# -- General configuration ----------------------------------------------------

language = "fr"
# Every cross-reference must resolve: a dangling {doc} or {ref} is an error
# (the Makefile also passes -n -W --keep-going).
nitpicky = True
# Keep the authors' typography as written: no automatic “curly quotes” or
# en/em dashes replacing "straight quotes" and --.
smartquotes = False

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    # Theme pages, glossary and article navigation generated at build time
    # from docs/_data/*.yaml and the article pages (tools/handbook/sphinxext).
    "handbook.sphinxext",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- MyST ---------------------------------------------------------------------

# Only the syntax extensions the handbook actually uses: ::: fenced directives
# (colon_fence), definition lists (deflist) and field lists for metadata
# (fieldlist). Add one here only when a page needs it.
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
# Raw HTML in the sources (which come from third-party web pages) is never
# passed through: it is rendered as escaped text instead.
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3

# -- Raw content / file inclusion -------------------------------------------
# docs/docutils.conf (read by Sphinx from the configuration directory) sets
# raw_enabled and file_insertion_enabled to false. The same defaults are
# installed below into the environment's docutils settings so that the
# protection does not depend on that file alone. A ``raw`` directive then
# produces a warning, which fails the strict build.
_DOCUTILS_SETTINGS = {"raw_enabled": False, "file_insertion_enabled": False}


def _lock_docutils_settings(app) -> None:
    app.env.settings.update(_DOCUTILS_SETTINGS)


# The book theme's French catalogue misses a few header-button labels; they
# are replaced after the theme has filled in ``header_buttons``.
_FRENCH_BUTTON_LABELS = {
    "Repository": "Dépôt",
    "Source repositories": "Dépôt des sources",
    "Suggest edit": "Proposer une modification",
    "Open issue": "Signaler un problème",
}


def _french_header_buttons(app, pagename, templatename, context, doctree) -> None:
    for button in context.get("header_buttons", []):
        for item in (button, *button.get("buttons", [])):
            for key in ("tooltip", "text"):
                label = str(item.get(key, ""))
                if label in _FRENCH_BUTTON_LABELS:
                    item[key] = _FRENCH_BUTTON_LABELS[label]
            if item.get("label") == "source-issues-button":
                item["url"] = (
                    f"{repository_url}/issues/new?title="
                    f"{quote(f'Problème sur la page {pagename}')}"
                )


def setup(app):
    # builder-inited fires after the environment is created and before any
    # document is read (and before parallel readers are forked).
    app.connect("builder-inited", _lock_docutils_settings)
    # Priority 900: after the theme's own html-page-context handlers (500).
    app.connect("html-page-context", _french_header_buttons, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# -- HTML output --------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "Manuel de la LP Communication publique & outils numériques"
html_static_path: list[str] = []
# No "download source" button is shown, so do not copy every source file
# into the output (_sources/).
html_copy_source = False
html_show_sourcelink = False

# Primary sidebar: the theme's default list, spelled out so that it is obvious
# which template renders the site navigation (sbt-sidebar-nav.html).
html_sidebars = {
    "**": [
        "navbar-logo.html",
        "icon-links.html",
        "search-button-field.html",
        "sbt-sidebar-nav.html",
    ]
}

html_theme_options = {
    # Repository buttons (labels come from the theme's French catalogue).
    "repository_url": repository_url,
    "repository_branch": "main",
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_edit_page_button": True,
    "use_issues_button": True,
    "use_download_button": False,
    # --- Navigation size -----------------------------------------------------
    # Themes that embed the whole site navigation in every page make each page
    # O(number of pages): measured 2-2.5x slower builds at 100 pages, and the
    # cost explodes at 1000 pages. sbt-sidebar-nav.html calls Sphinx's
    # toctree() with maxdepth=max_navbar_depth and collapse=collapse_navbar, so:
    #   * max_navbar_depth = 1: the sidebar lists only the top-level entries of
    #     the root toctree (Accueil, À propos, Articles, Thèmes...), never the
    #     hundreds of article pages below a section index; readers reach those
    #     from the section's index page and the previous/next links.
    #   * collapse_navbar = True: even if the depth is raised later, only the
    #     branch of the current page is expanded.
    #   * show_navbar_depth = 1: levels open by default (nothing to open at
    #     depth 1).
    "max_navbar_depth": 1,
    "collapse_navbar": True,
    "show_navbar_depth": 1,
    "home_page_in_toc": True,
    # pydata-sphinx-theme equivalents: only used by its sidebar-nav-bs.html,
    # which the book theme does not render; set consistently in case it is
    # ever added to html_sidebars.
    "navigation_depth": 1,
    "collapse_navigation": True,
    "show_nav_level": 1,
    # French labels for strings the theme does not translate itself.
    "toc_title": "Sur cette page",
    "search_bar_text": "Rechercher dans le manuel…",
}

# sphinx-copybutton: only on code blocks, not on prompts or other <pre>.
copybutton_selector = "div.highlight pre"

# -- EPUB output --------------------------------------------------------------

epub_title = html_title
epub_description = (
    "Manuel de cours de la LP Communication publique & outils numériques : "
    "articles des étudiants et actualités de la communication publique."
)
epub_uid = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_identifier = html_baseurl
epub_scheme = "URL"
epub_show_urls = "no"
