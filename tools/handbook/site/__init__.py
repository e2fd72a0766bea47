"""The handbook's Sphinx extension: theme pages, glossary, article navigation.

Usage, in ``docs/conf.py``::

    extensions = [..., "handbook.site"]
    handbook_data_dir = "_data"  # themes.yaml, glossary.yaml (default)

Everything is generated at build time from the data folder and the article
pages (``articles/*.md``); an instructor only edits the YAML files. One
module per job:

* :mod:`.generate` (``builder-inited``): data, manifest, generated pages;
* :mod:`.collector`: per-article additions and glossary links, stale pages;
* :mod:`.directives`: ``{handbook-theme-grid}``; :mod:`.glossary_links`:
  term matching and ``{handbook-backlinks}``;
* :mod:`.html`: fixes to the theme's HTML; :mod:`.search`: accent-folding
  French search; :mod:`.descriptions`: page descriptions; :mod:`.quiz`:
  the themes' self-check quizzes (``{handbook-quiz}``); :mod:`.tooltips`:
  glossary definitions on hover, focus and tap.

Warnings go through :mod:`sphinx.util.logging` with type ``handbook``
(``[handbook.theme]``, ``[handbook.config]``…), so the strict build fails on
them. The design notes are in ``DESIGN.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from . import collector, generate, html
from .directives import ThemeGridDirective
from .glossary_links import BacklinksDirective, backlinks_placeholder
from .state import HTML_BUILDERS

__all__ = ["setup"]


STYLE_DIR = Path(__file__).resolve().parent / "style"
#: the scripts and their style sheets, for web pages only (never in the EPUB)
STATIC_DIR = Path(__file__).resolve().parent / "static"


def _add_static(app: Sphinx) -> None:
    """The handbook's style sheet (line roles: captions, credits, quotations), for
    every builder; its scripts (search, quizzes, tooltips) for web pages only."""
    folders = [STYLE_DIR] + ([STATIC_DIR] if app.builder.name in HTML_BUILDERS else [])
    for folder in folders:
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "handbook_repository_url", "https://github.com/lpcpon/handbook", "env", str
    )
    app.add_config_value("handbook_contact", "communication-publique@exemple.fr", "env", str)
    # folders relative to the configuration directory
    app.add_config_value("handbook_data_dir", "_data", "env", str)
    app.add_config_value("handbook_root", "..", "env", str)
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("handbook.site.search")
    app.setup_extension("handbook.site.descriptions")
    app.setup_extension("handbook.site.quiz")
    app.setup_extension("handbook.site.tooltips")
    app.connect("builder-inited", lambda app: collector.init_env(app.env), priority=400)
    app.connect("builder-inited", generate.builder_inited)
    app.connect("builder-inited", _add_static)
    app.add_css_file("handbook.css")
    app.add_env_collector(collector.ArticleCollector)
    app.add_transform(collector.ArticleTransform)
    app.connect("doctree-resolved", collector.fill_backlinks)
    app.connect("html-page-context", html.escape_theme_titles, priority=900)
    app.connect("html-page-context", html.one_prev_next)
    app.connect("build-finished", html.sort_sitemap, priority=400)
    app.add_directive("handbook-backlinks", BacklinksDirective)
    app.add_directive("handbook-theme-grid", ThemeGridDirective)
    skip = (html.skip_node, None)
    app.add_node(backlinks_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    return {
        "version": __version__,
        "env_version": collector.ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
