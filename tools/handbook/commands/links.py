"""``handbook links``: every automatic glossary link of the articles, with its sentence.

So that instructors can review the senses: each page is parsed as the
handbook build parses it (MyST), and the extension's own linking function
(:func:`handbook.site.glossary_links.link_terms`) runs on it, recording every
match of a glossary form, linked or not, and the rule that kept it from
being linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes

from ..common.errors import HandbookError
from ..common.layout import ARTICLES, DATA, display
from ..data.glossary import load_glossary
from ..data.names import load_proper_names
from ..site.glossary_links import RULES, LinkUse, TermMatcher, link_terms

#: MyST settings of ``docs/conf.py`` that change how a page is parsed
MYST_SETTINGS = {
    "myst_enable_extensions": ["colon_fence", "deflist", "fieldlist"],
    "myst_disable_syntax": ["html_block", "html_inline"],
}


@dataclass(frozen=True)
class PageUse:
    page: str
    use: LinkUse

    def as_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "term": self.use.term,
            "words": self.use.words,
            "sentence": self.use.sentence,
            "linked": self.use.linked,
            "rule": self.use.rule or None,
        }


def doctree(text: str) -> nodes.document:
    """A page parsed by MyST with the handbook's settings (front matter left out)."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    document = publish_doctree(
        text,
        parser=Parser(),
        settings_overrides={**MYST_SETTINGS, "report_level": 5, "halt_level": 5},
    )
    for info in list(document.findall(nodes.docinfo)):
        info.parent.remove(info)
    return document


def text_uses(text: str, matcher: TermMatcher) -> list[LinkUse]:
    """Every match of a glossary form in a MyST text, linked or not."""
    uses: list[LinkUse] = []
    link_terms(doctree(text), matcher, "page", uses)
    return uses


def page_uses(root: Path, pages: list[Path] | None = None) -> list[PageUse]:
    matcher = TermMatcher(load_glossary(root), load_proper_names(root))
    if not pages:
        pages = sorted(p for p in (root / ARTICLES).glob("*.md") if p.name != "index.md")
    found = []
    for page in pages:
        shown = display(page, root)
        try:
            text = page.read_text("utf-8")
        except FileNotFoundError:
            raise HandbookError(f"{shown} : page introuvable.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise HandbookError(f"{shown} : lecture impossible ({exc}).") from None
        for use in text_uses(text, matcher):
            found.append(PageUse(shown, use))
    return found


def format_text(uses: list[PageUse], everything: bool) -> str:
    shown = [u for u in uses if everything or u.use.linked]
    linked = sum(1 for u in uses if u.use.linked)
    lines = [
        f"{linked} lien(s) automatique(s) vers le glossaire"
        + (f", {len(shown) - linked} occurrence(s) non liée(s)" if everything else "")
        + f". Pour écarter un sens, voir « skip_in » et « near » dans {DATA.as_posix()}"
        "/glossary.yaml ; pour un nom propre, proper-names.yaml."
    ]
    page = None
    for item in shown:
        if item.page != page:
            page = item.page
            lines += ["", page]
        use = item.use
        status = "lié" if use.linked else _reason(use.rule)
        lines.append(f"  « {use.words} » → {use.term} ({status}) : {use.sentence}")
    return "\n".join(lines) + "\n"


def _reason(rule: str) -> str:
    if rule == "repeat":
        return "non lié : déjà lié plus haut dans la page"
    return f"non lié : {RULES.get(rule, rule)}"
