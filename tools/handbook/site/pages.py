"""MyST pages generated from the manifest: theme pages and the glossary.

Every string coming from the YAML files or the article front matter goes
through :func:`handbook.common.escape.escape_inline` (via :func:`inline`,
:func:`link_text` and :func:`paragraphs`): nothing an instructor or an article
writes can become markup.  The article leads are the exception: they are
taken, already escaped, from the article pages themselves.

:func:`write_if_changed` only touches a file whose content differs, so that
Sphinx's incremental build re-reads only the pages that really changed.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from ..common.escape import escape_heading, escape_inline
from ..data.glossary import GlossaryEntry, fold_term, term_key
from .french import french_date, french_list, plural
from .manifest import Article, Manifest, ThemePage
from .quiz import quiz_lines

__all__ = [
    "GENERATED_MARKER",
    "glossary_page",
    "is_generated",
    "theme_grid",
    "theme_page",
    "themes_index",
]

#: first line of every generated page (a MyST comment)
GENERATED_MARKER = "% Page générée par handbook.site"
#: what every generated page starts with, whatever the version that wrote it
GENERATED_PREFIX = "% Page générée par handbook."
_MARKER_LINE = (
    GENERATED_MARKER + " à chaque construction du manuel : ne la modifiez pas, modifiez {source}."
)
_LEGACY_SEPARATOR = re.compile(r"^(?:\^{3,}|\+{3,})\s*$")


# --------------------------------------------------------------------------
# escaping helpers
# --------------------------------------------------------------------------


def inline(text: str) -> str:
    """``text`` on one line, escaped: shown verbatim by MyST."""
    return escape_inline(" ".join(str(text).split()))


def link_text(text: str) -> str:
    """``text`` escaped for the inside of ``[…](…)``."""
    # escape_inline never writes "]" itself: every "]" left is the text's own
    return inline(text).replace("]", "\\]")


def paragraphs(text: str) -> list[str]:
    """``text`` split on blank lines, each paragraph escaped."""
    blocks = re.split(r"\n[ \t]*\n", str(text).strip())
    return [escaped for block in blocks if (escaped := escape_inline(block))]


def index_entry(text: str) -> str:
    """Text usable in an ``{index}`` entry (``;`` splits entries, ``!`` marks main)."""
    return " ".join(str(text).replace(";", ",").split()).lstrip("!")


def _card_line(text: str) -> str:
    """Card content: a line sphinx-design would take for a ``^^^``/``+++`` separator
    gets a ``\\`` (MyST then shows the line as it is)."""
    return "\n".join(
        "\\" + line if _LEGACY_SEPARATOR.match(line) else line for line in text.split("\n")
    )


def _doc_link(title: str, from_doc: str, to_doc: str) -> str:
    target = posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".") + ".md"
    return f"[{link_text(title)}]({target})"


def _header(source: str) -> list[str]:
    return [_MARKER_LINE.format(source=source), ""]


# --------------------------------------------------------------------------
# theme cards (themes/index.md and the home page directive)
# --------------------------------------------------------------------------


def theme_grid(summary: list[dict], from_doc: str, themes_dir: str) -> list[str]:
    """A sphinx-design grid with one card per theme, for a page at ``from_doc``."""
    lines = [":::::{grid} 1 1 2 2", ":gutter: 3", ":class-container: handbook-theme-grid", ""]
    for item in summary:
        link = _doc_link(item["title"], from_doc, f"{themes_dir}/{item['id']}")
        lines += ["::::{grid-item-card}", ":class-card: handbook-theme-card", "", f"**{link}**", ""]
        lines += [_card_line(p) for p in paragraphs(item["description"])[:1]]
        lines += ["", ":::{card-footer}", plural(item["count"], "article"), ":::", "::::", ""]
    lines += [":::::", ""]
    return lines


def themes_index(manifest: Manifest, themes_dir: str) -> str:
    pages = [*manifest.themes.values(), *([manifest.unthemed] if manifest.unthemed else [])]
    docname = f"{themes_dir}/index"
    lines = _header("docs/_data/themes.yaml")
    lines += ["(themes-index)=", "", "# Les thèmes du cours", ""]
    lines += [
        (
            f"Le cours est organisé en {plural(len(manifest.themes), 'thème')}. Chaque thème "
            "présente ses objectifs d'apprentissage, les articles qui l'illustrent et des "
            "exercices corrigés pour s'entraîner."
        ),
        "",
    ]
    lines += theme_grid(manifest.summary(), docname, themes_dir)
    lines += [":::{toctree}", ":hidden:", ""]
    lines += [page.id for page in pages]
    lines += [":::", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# theme pages
# --------------------------------------------------------------------------


def _article_card(article: Article, from_doc: str) -> list[str]:
    lines = ["::::{grid-item-card}", ":class-card: handbook-article-card", ""]
    lines += [f"**{_doc_link(article.title, from_doc, article.docname)}**", ""]
    if article.lead:
        lines += [_card_line(article.lead), ""]
    details = []
    if article.date:
        details.append(french_date(article.date))
    if article.authors:
        details.append(inline(french_list(list(article.authors))))
    if details:
        lines += [":::{card-footer}", " · ".join(details), ":::"]
    lines += ["::::", ""]
    return lines


def theme_page(
    page: ThemePage, manifest: Manifest, themes_dir: str, glossary_doc: str | None
) -> str:
    docname = f"{themes_dir}/{page.id}"
    is_theme = page.id in manifest.themes
    lines = _header("docs/_data/themes.yaml" if is_theme else "l'en-tête des articles")
    lines += [f"(theme-{page.id})=", "", f"# {escape_heading(page.title)}", ""]
    if is_theme:
        lines += [f":::{{index}} pair: thème; {index_entry(page.title)}", ":::", ""]
    for paragraph in paragraphs(page.description):
        lines += [paragraph, ""]
    if page.objectives:
        lines += ["## Objectifs d'apprentissage", ""]
        lines += ["À la fin de ce thème, vous saurez :", ""]
        lines += [f"- {inline(objective)}" for objective in page.objectives]
        lines += [""]
    notions = [e for e in manifest.glossary if is_theme and e.theme == page.id]
    if notions:
        lines += ["## Notions du glossaire", ""]
        lines += [f"- {{term}}`{e.term}`" for e in sorted(notions, key=lambda e: term_key(e.term))]
        lines += [""]
    lines += ["## Articles", ""]
    if page.articles:
        if len(page.articles) > 1:
            count = plural(len(page.articles), "article")
            lines += [f"{count}, du plus récent au plus ancien.", ""]
        lines += [
            ":::::{grid} 1 1 2 2",
            ":gutter: 3",
            ":class-container: handbook-article-grid",
            "",
        ]
        for docname_ in page.articles:
            lines += _article_card(manifest.articles[docname_], docname)
        lines += [":::::", ""]
    else:
        lines += ["Aucun article n'est encore rangé dans ce thème.", ""]
    if page.also:
        lines += ["## À lire aussi", ""]
        lines += ["Ces articles, rangés dans un autre thème, concernent aussi celui-ci.", ""]
        for other in page.also:
            article = manifest.articles[other]
            home = manifest.themes.get(article.theme)
            where = f" (thème : {inline(home.title)})" if home else ""
            lines += [f"- {_doc_link(article.title, docname, other)}{where}"]
        lines += [""]
    if page.exercises:
        lines += ["## Exercices", ""]
        for number, exercise in enumerate(page.exercises, 1):
            title = exercise.get("title")
            heading = f"Exercice {number}" + (f" : {title}" if title else "")
            lines += [f"### {escape_heading(heading)}", ""]
            for paragraph in paragraphs(exercise.get("question", "")):
                lines += [paragraph, ""]
            lines += ["::::{dropdown} Solution", ":class-container: handbook-solution", ""]
            for paragraph in paragraphs(exercise.get("solution", "")):
                lines += [paragraph, ""]
            lines += ["::::", ""]
    if page.quiz:
        lines += ["## Testez vos connaissances", ""]
        lines += [":::{handbook-quiz}", *quiz_lines(page.quiz), ":::", ""]
    further = [manifest.themes[r] for r in page.related if r in manifest.themes and r != page.id]
    if further:
        lines += ["## Pour aller plus loin", ""]
        lines += [f"- {_doc_link(t.title, docname, f'{themes_dir}/{t.id}')}" for t in further]
        lines += [""]
    if glossary_doc:
        lines += [f"Voir aussi le {_doc_link('glossaire', docname, glossary_doc)} du cours.", ""]
    if page.articles:
        lines += [":::{toctree}", ":hidden:", ""]
        lines += [posixpath.relpath(d, themes_dir) for d in page.articles]
        lines += [":::", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# glossary
# --------------------------------------------------------------------------


def _term_line(form: str) -> str:
    """A glossary term line: escaped, never read as a classifier or a comment."""
    line = inline(form)
    line = re.sub(r"(?<= ):(?= )", r"\\:", line)  # " : " separates classifiers
    if line.startswith(".."):
        line = "\\" + line
    return line


def glossary_page(manifest: Manifest, themes_dir: str, glossary_doc: str) -> str:
    lines = _header("docs/_data/glossary.yaml")
    lines += [f"({glossary_doc.replace('/', '-')})=", "", "# Glossaire", ""]
    lines += [
        (
            "Ce glossaire définit les notions du cours. Dans les articles, la première "
            "apparition de chacun de ces termes renvoie à sa définition ; sous chaque "
            "définition, « Utilisé dans » donne la liste des articles qui emploient le terme."
        ),
        "",
    ]
    entries: list[GlossaryEntry] = sorted(
        manifest.glossary, key=lambda e: (fold_term(e.term), e.term)
    )
    if not entries:
        lines += ["Le glossaire ne contient encore aucun terme.", ""]
        return "\n".join(lines)
    lines += ["::::{glossary}", ""]
    for entry in entries:
        lines += [_term_line(form) for form in entry.forms]
        body: list[str] = []
        for paragraph in paragraphs(entry.definition) or ["—"]:
            body += [*paragraph.split("\n"), ""]
        if entry.see:
            refs = ", ".join(f"{{term}}`{target}`" for target in entry.see)
            body += [f"Voir aussi : {refs}.", ""]
        theme = manifest.themes.get(entry.theme)
        if theme is not None:
            body += [
                f"Thème : {_doc_link(theme.title, glossary_doc, f'{themes_dir}/{theme.id}')}.",
                "",
            ]
        body += [f":::{{handbook-backlinks}} {entry.term}", ":::"]
        lines += [f"   {line}" if line else "" for line in body]
        lines += [""]
    lines += ["::::", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------


def is_generated(path: Path) -> bool:
    """Whether ``path`` is a page this extension wrote (safe to delete)."""
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.readline().startswith(GENERATED_PREFIX)
    except (OSError, UnicodeDecodeError):
        return False
