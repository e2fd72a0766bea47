"""Sphinx configuration for the LP CP&ON course handbook.

Project metadata (name, version, URLs) is read from ``../pyproject.toml`` so
that it is defined in exactly one place.
"""

from __future__ import annotations

import html
import os
import re
import tomllib
from pathlib import Path
from urllib.parse import quote, urlparse

# -- Project metadata (single source of truth: pyproject.toml) ---------------

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
with _PYPROJECT.open("rb") as _fh:
    _pyproject = tomllib.load(_fh)
_project_meta = _pyproject["project"]

project = _project_meta["name"]
version = _project_meta["version"]
release = version
author = ", ".join(a["name"] for a in _project_meta.get("authors", []))
copyright = f"%Y, {author}"

_urls = _project_meta["urls"]
# Published site. Read the Docs exports the canonical URL of the version being
# built (latest, stable, ...); prefer it there, fall back to the Homepage URL.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", _urls["Homepage"])
# Source repository, used by the theme's repository / edit / issue buttons.
repository_url = _urls["Repository"]
# handbook.site: the « Contribuer » and « Crédits et droits » pages.
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
    # Reader basics: French 404 page, sitemap.xml, Open Graph cards.
    "notfound.extension",
    "sphinx_sitemap",
    "sphinxext.opengraph",
    # Theme pages, glossary and article navigation generated at build time
    # from docs/_data/*.yaml and the article pages (tools/handbook/sphinxext).
    "handbook.site",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
# docs/_templates: theme components overridden for French labels and
# accessibility (each file says which component it replaces and why).
templates_path = ["_templates"]

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
                    f"{repository_url}/issues/new?title={quote(f'Problème sur la page {pagename}')}"
                )


def _empty_toctree_on_404(app, pagename, templatename, context, doctree) -> None:
    # sphinx-notfound-page's toctree() for the 404 page returns None when the
    # site has no toctree (a one-page project, or pages not generated because
    # a data file is invalid), and the theme then crashes with a traceback.
    if pagename != app.config.notfound_pagename or "toctree" not in context:
        return
    toctree = context["toctree"]
    context["toctree"] = lambda *args, **kwargs: toctree(*args, **kwargs) or ""


# EPUB: EPUBCheck (tests/test_epub.py) must find no error in the book.
#
# * toc.ncx: Sphinx writes epub_uid (the XML id of the identifier element) as
#   the NCX's dtb:uid, where the identifier itself (epub_identifier) is
#   expected, so EPUBCheck reports NCX-001 (Sphinx issue #11184). The NCX gets
#   the identifier instead; content.opf is right as it is.
# * sphinx-design's icons (the chevron of the exercises' « Solution »
#   dropdowns) are raw inline <svg> markup, outside the SVG namespace (invalid
#   XHTML, RSC-005); with the namespace, the pages holding them would have to
#   be declared with the "svg" property in content.opf (OPF-014), which
#   Sphinx's template cannot do. The icons are decorative (aria-hidden), so
#   they are left out of the EPUB.
_INLINE_SVG = re.compile(r"^\s*<svg[\s>]")


def _epub_ncx_uid_is_the_identifier(app) -> None:
    if app.builder.name != "epub":
        return
    toc_metadata = app.builder.toc_metadata

    def with_identifier(level, navpoints):
        metadata = toc_metadata(level, navpoints)
        metadata["uid"] = html.escape(app.config.epub_identifier)
        return metadata

    app.builder.toc_metadata = with_identifier


def _epub_without_inline_svg(app, doctree, docname) -> None:
    if app.builder.name != "epub":
        return
    from docutils import nodes

    icons = [
        raw
        for raw in doctree.findall(nodes.raw)
        if "html" in raw.get("format", "").split() and _INLINE_SVG.match(raw.astext())
    ]
    for raw in icons:
        raw.parent.remove(raw)


def setup(app):
    # builder-inited fires after the environment is created and before any
    # document is read (and before parallel readers are forked).
    app.connect("builder-inited", _lock_docutils_settings)
    # Priority 900: after the theme's own html-page-context handlers (500).
    app.connect("html-page-context", _french_header_buttons, priority=900)
    # Between sphinx-notfound-page's handler (400) and the theme's (500).
    app.connect("html-page-context", _empty_toctree_on_404, priority=450)
    app.connect("builder-inited", _epub_ncx_uid_is_the_identifier)
    app.connect("doctree-resolved", _epub_without_inline_svg)
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
    # --- One search control ------------------------------------------------
    # pydata-sphinx-theme puts a search field in a header bar above the layout
    # on wide screens (navbar_persistent, its default when not set), while the
    # book theme already has one in the primary sidebar (html_sidebars) and a
    # search button in the article header on narrow screens: with no header
    # item at all, the header bar is not drawn and each width has exactly one
    # search control (tests/browser/test_page_layout.py).
    "navbar_persistent": [],
    # French labels for strings the theme does not translate itself.
    "toc_title": "Sur cette page",
    "search_bar_text": "Rechercher dans le manuel…",
}

# sphinx-copybutton: only on code blocks, not on prompts or other <pre>.
copybutton_selector = "div.highlight pre"

# -- 404 page, sitemap, Open Graph ---------------------------------------------

# sphinx-notfound-page: the 404 page is served at any missing address, so its
# links are absolute. Read the Docs serves the handbook under /fr/<version>/
# (path of READTHEDOCS_CANONICAL_URL); elsewhere (make serve, tests) the site
# is served at the root.
notfound_urls_prefix = (
    urlparse(os.environ["READTHEDOCS_CANONICAL_URL"]).path
    if os.environ.get("READTHEDOCS_CANONICAL_URL")
    else "/"
)
_home = f"{notfound_urls_prefix}index.html"
_themes = f"{notfound_urls_prefix}themes/index.html"
_search = f"{notfound_urls_prefix}search.html"
notfound_context = {
    "title": "Page introuvable",
    "body": (
        "<h1>Page introuvable</h1>\n"
        "<p>La page demandée n'existe pas ou a été déplacée. Elle a peut-être "
        "changé de nom lors d'une nouvelle édition du manuel.</p>\n"
        "<ul>\n"
        f'<li>Revenir à <a href="{_home}">l\'accueil du manuel</a> ;</li>\n'
        f'<li>parcourir <a href="{_themes}">les thèmes du cours</a> ;</li>\n'
        f'<li>ou <a href="{_search}">rechercher dans le manuel</a>.</li>\n'
        "</ul>\n"
    ),
}

# sphinx-sitemap: sitemap.xml from html_baseurl, which already holds the
# language and version (/fr/latest/): each page's link is appended as is.
sitemap_url_scheme = "{link}"
sitemap_locales = [None]  # one language: no hreflang alternates
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# sphinxext-opengraph: link previews (title, description, site, locale).
ogp_site_url = html_baseurl
ogp_site_name = html_title
ogp_custom_meta_tags = ['<meta property="og:locale" content="fr_FR" />']

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
# The EPUB's table of contents shows hidden toctrees too, so that it presents
# the themes as parts: « Les thèmes du cours » > each theme > its articles
# (the toctrees of the generated theme pages are hidden on the web site).
epub_tocscope = "includehidden"
