"""``builder-inited``: read the data and the articles, write the generated pages.

Runs in the main process before any parallel reader is forked. Reads
``themes.yaml`` and ``glossary.yaml`` from the data folder
(``handbook_data_dir``) and every article's front matter, builds the
:class:`~.manifest.Manifest`, and writes each generated page *only when its
text changed*, so that Sphinx's incremental build (driven by mtimes) reads
again only what changed:

* ``themes/index.md`` and one ``themes/<id>.md`` per theme
  (``themes/sans-theme.md`` when some articles have no known theme);
* ``glossaire.md``, with a placeholder under each definition for the
  articles using the term (filled at ``doctree-resolved``);
* « Contribuer » (from ``CONTRIBUTING.md``) and « Crédits et droits »;
* ``<doctreedir>/handbook-themes.json``, the home page grid's data, a
  dependency of the pages that show it.

What was read from each unchanged file is kept in the environment
(``env.handbook_files``, keyed by mtime and size), so a build where nothing
changed parses no YAML again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.matching import Matcher

from .. import __version__
from ..common.errors import HandbookError
from ..common.files import write_if_changed
from ..common.layout import NAMES_FILE, display
from ..data.glossary import load_glossary
from ..data.names import ProperNames, load_proper_names
from ..data.themes import load_taxonomy
from . import state as build_state
from .envdata import EnvSlot
from .extra_pages import CONTRIBUTING_DOC, CREDITS_DOC, contributing_page, credits_page, site_names
from .glossary_links import TermMatcher
from .manifest import Manifest, build_manifest, read_article
from .pages import glossary_page, is_generated, theme_page, themes_index
from .state import ARTICLES_DIR, GLOSSARY_DOC, THEMES_DIR, BuildState

__all__ = ["builder_inited", "data_dir", "repository_root"]

logger = logging.getLogger(__name__)

SUMMARY_FILE = "handbook-themes.json"
#: bump when what is kept in ``env.handbook_files`` changes shape or meaning
FILES_VERSION = 1
#: ``{"version": …, "entries": {name: (key, value)}}`` (see :class:`_FileCache`)
_FILES: EnvSlot[dict[str, Any]] = EnvSlot("handbook_files")
RESERVED_THEME_IDS = {"index", "sans-theme"}


def data_dir(app: Sphinx) -> Path:
    """The instructor-editable data folder: ``handbook_data_dir`` against the conf dir."""
    return (Path(app.confdir) / app.config.handbook_data_dir).resolve()


def repository_root(app: Sphinx) -> Path:
    """The repository (``CONTRIBUTING.md``, ``sources/``): ``handbook_root`` against the conf dir."""
    return (Path(app.confdir) / app.config.handbook_root).resolve()


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class _FileCache:
    """What the previous build read from each file, kept in the environment."""

    def __init__(self, env: BuildEnvironment) -> None:
        stored = _FILES.get_or(env, None)
        version = (__version__, FILES_VERSION)
        self.old: dict[Any, Any] = {}
        if isinstance(stored, dict) and stored.get("version") == version:
            self.old = stored["entries"]
        self.new: dict[Any, Any] = {}
        self.env = env
        self.version = version

    def get(self, name: Any, key: Any) -> Any:
        hit = self.old.get(name)
        if hit is not None and hit[0] == key:
            self.new[name] = hit
            return hit[1]
        return None

    def put(self, name: Any, key: Any, value: Any) -> None:
        self.new[name] = (key, value)

    def save(self) -> None:
        _FILES.set(self.env, {"version": self.version, "entries": self.new})


def _load_data(folder: Path, root: Path, cache: _FileCache) -> tuple[tuple, tuple, ProperNames]:
    """themes.yaml, glossary.yaml and proper-names.yaml, validated (ConfigError when invalid)."""
    glossary_path = folder / "glossary.yaml"
    names_path = folder / NAMES_FILE.name
    key = (
        _file_key(folder / "themes.yaml"),
        _file_key(glossary_path),
        _file_key(names_path) if names_path.is_file() else None,
    )
    data = cache.get("data", key)
    if data is None:
        themes = load_taxonomy(root, folder)
        glossary = (
            load_glossary(root, {t.id for t in themes}, folder) if glossary_path.is_file() else ()
        )
        data = (themes, glossary, load_proper_names(root, folder))
    cache.put("data", key, data)
    return data


def _load_articles(app: Sphinx, cache: _FileCache) -> list[tuple[Any, dict[str, int]]]:
    """Read the article pages (front matter, lead, term counts)."""
    folder = Path(app.srcdir) / ARTICLES_DIR
    excluded = Matcher(app.config.exclude_patterns)
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name == "index.md" or path.name.startswith((".", "_")):
            continue
        if excluded(f"{ARTICLES_DIR}/{path.name}"):
            continue
        docname = f"{ARTICLES_DIR}/{path.stem}"
        key = _file_key(path)
        item = cache.get(docname, key)
        if item is None:
            try:
                item = read_article(path, docname)
            except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
                logger.warning(
                    "en-tête de l'article illisible, page laissée hors des thèmes : %s",
                    error,
                    type="handbook",
                    subtype="front-matter",
                    location=(docname, 1),
                )
                continue
            cache.put(docname, key, item)
        found.append(item)
    return found


def _write_generated(path: Path, text: str, srcdir: Path) -> None:
    if path.exists() and not is_generated(path):
        logger.warning(
            "%s n'a pas été écrite par l'extension du manuel : elle n'est pas remplacée. "
            "Renommez-la ou supprimez-la pour que la page générée soit créée.",
            path.relative_to(srcdir).as_posix(),
            type="handbook",
            subtype="generated",
        )
        return
    write_if_changed(path, text)


def _generate(app: Sphinx, manifest: Manifest, *, with_glossary: bool) -> None:
    srcdir = Path(app.srcdir)
    folder = srcdir / THEMES_DIR
    glossary_doc = GLOSSARY_DOC if with_glossary else None
    wanted: dict[Path, str] = {folder / "index.md": themes_index(manifest, THEMES_DIR)}
    pages = [*manifest.themes.values(), *([manifest.unthemed] if manifest.unthemed else [])]
    for page in pages:
        wanted[folder / f"{page.id}.md"] = theme_page(page, manifest, THEMES_DIR, glossary_doc)
    glossary_path = srcdir / f"{GLOSSARY_DOC}.md"
    if with_glossary:
        wanted[glossary_path] = glossary_page(manifest, THEMES_DIR, GLOSSARY_DOC)
    root = repository_root(app)
    contributing = root / "CONTRIBUTING.md"
    if contributing.is_file():
        wanted[srcdir / f"{CONTRIBUTING_DOC}.md"] = contributing_page(
            contributing.read_text("utf-8"), app.config.handbook_repository_url
        )
    wanted[srcdir / f"{CREDITS_DOC}.md"] = credits_page(
        manifest,
        site_names(root, data_dir(app)),
        app.config.handbook_contact,
        app.config.handbook_repository_url,
    )
    for path, text in wanted.items():
        _write_generated(path, text, srcdir)
    # pages of themes that no longer exist, the now empty "sans-theme" page,
    # the glossary page once glossary.yaml is gone
    for path in [*sorted(folder.glob("*.md")), glossary_path]:
        if path not in wanted and path.exists() and is_generated(path):
            path.unlink()


def _theme_data(themes: tuple, themes_file: Path) -> list[dict[str, Any]]:
    """The themes' data, without reserved ids; warns on unknown related themes."""
    theme_data = []
    for theme in themes:
        if theme.id in RESERVED_THEME_IDS:
            logger.warning(
                "l'identifiant de thème « %s » est réservé : ce thème est ignoré.",
                theme.id,
                type="handbook",
                subtype="theme",
            )
            continue
        theme_data.append(theme.data)
    known = {item["id"] for item in theme_data}
    for item in theme_data:
        for other in item.get("related") or []:
            if other not in known:
                logger.warning(
                    "thème « %s » : le thème lié « %s » n'existe pas (rubrique « related »).",
                    item["id"],
                    other,
                    type="handbook",
                    subtype="theme",
                    location=str(themes_file),
                )
    return theme_data


def builder_inited(app: Sphinx) -> None:
    folder, root = data_dir(app), repository_root(app)
    themes_file = folder / "themes.yaml"
    if not themes_file.is_file():
        # not the handbook (e.g. a test project without data): nothing to do
        logger.info("handbook : %s absent, extension inactive.", display(themes_file, root))
        return
    cache = _FileCache(app.env)
    try:
        themes, glossary, names = _load_data(folder, root, cache)
    except HandbookError as error:
        # one clear message (file:line), then the build goes on with the pages
        # generated last time, untouched: the error fails the strict build
        path = getattr(error, "path", display(themes_file, root))
        line = getattr(error, "line", None)
        logger.error(
            "%s",
            getattr(error, "message", str(error)),
            type="handbook",
            subtype="config",
            location=f"{root / path}:{line or 1}",
        )
        return
    theme_data = _theme_data(themes, themes_file)
    manifest = build_manifest(_load_articles(app, cache), theme_data, glossary, names)
    cache.save()
    for docname, theme_id in sorted(manifest.unknown_themes.items()):
        logger.warning(
            "thème inconnu « %s » dans l'en-tête de l'article (thèmes valides : %s) ; "
            "l'article est rangé dans « Articles sans thème ».",
            theme_id,
            ", ".join(manifest.themes),
            type="handbook",
            subtype="theme",
            location=(docname, manifest.articles[docname].theme_line),
        )
    _generate(app, manifest, with_glossary=(folder / "glossary.yaml").is_file())
    summary_path = Path(app.doctreedir) / SUMMARY_FILE
    summary = json.dumps(manifest.summary(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_if_changed(summary_path, summary)
    titles = {docname: title.astext() for docname, title in app.env.titles.items()}
    build_state.put(
        app.env, BuildState(manifest, TermMatcher(glossary, names), summary_path, titles)
    )
