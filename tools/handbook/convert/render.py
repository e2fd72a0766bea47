"""Stage 10, render: a structured article (:class:`~handbook.convert.model.Page`) as a MyST page.

YAML front matter, then the title and the blocks, one blank line apart. All
article text goes through :mod:`handbook.common.escape`; nothing from the
dumps reaches the page as markup. How each block type and the front matter
are written is in ``DESIGN.md`` (« Rendering »), with cases in
``tests/fixtures/render/``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..common.escape import escape_heading, escape_inline, escape_with_links
from ..common.frontmatter import FrontMatterError, compute_fingerprint, read_front_matter
from .model import (
    Answer,
    Block,
    Byline,
    Caption,
    Credit,
    Facts,
    Heading,
    ListBlock,
    Occurrence,
    Page,
    Paragraph,
    Question,
    Quote,
    SeeAlso,
    Timetable,
)

__all__ = [
    "CAPTION_CLASS",
    "CREDIT_CLASS",
    "MARKDOWN_META_KEYS",
    "RESERVED_META_KEYS",
    "FrontMatterError",
    "build_front_matter",
    "compute_fingerprint",
    "read_front_matter",
    "render_block",
    "render_page",
]

CAPTION_CLASS = "legende"
CREDIT_CLASS = "credit"
QUOTE_CLASS = "citation"
ATTRIBUTION_CLASS = "attribution"
SEE_ALSO_CLASS = "voir-aussi"
SEE_ALSO_LABEL = "Voir aussi"  # shown when the source's block has no label line
_EMPTY = "\u2014"  # shown for a blank term or value of a definition list
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Front-matter keys whose value MyST parses as Markdown: the docutils
#: bibliographic fields, in English and in French (the language of the
#: handbook decides which apply); ``abstract``/``résumé`` and
#: ``dedication``/``dédicace`` are even displayed in the page.
MARKDOWN_META_KEYS = frozenset(
    {
        "abstract",
        "address",
        "author",
        "authors",
        "contact",
        "copyright",
        "date",
        "dedication",
        "organization",
        "revision",
        "status",
        "version",
        "adresse",
        "auteur",
        "auteurs",
        "dédicace",
        "organisation",
        "résumé",
        "révision",
        "statut",
    }
)

#: Keys ``extra_meta`` may not hold: the page's own keys, the keys MyST
#: interprets (``myst`` could re-enable HTML, ``substitutions`` inject text)
#: and those whose value MyST would parse as Markdown.
RESERVED_META_KEYS = MARKDOWN_META_KEYS | frozenset(
    {
        "title",
        "slug",
        "theme",
        "date",
        "authors",
        "tags",
        "sources",
        "fingerprint",
        "myst",
        "mystnb",
        "substitutions",
        "html_meta",
    }
)

# --------------------------------------------------------------------------
# front matter
# --------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """SafeDumper writing multi-line strings on one line, without aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # a multi-line string would be folded over several lines, some of which
    # could read "---" or "..." and end the front matter early: quote it
    style = '"' if any(ch in value for ch in "\n\r\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**9,
        default_flow_style=False,
    )


def _plain(value: Any) -> Any:
    """Tuples to lists, recursively, so that SafeDumper can write them."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _sources(kept: Occurrence, occurrences: tuple[Occurrence, ...]) -> list[dict[str, object]]:
    others = sorted(
        {o for o in occurrences if o != kept},
        key=lambda o: (o.file, o.first_line, o.last_line),
    )
    return [o.as_dict() for o in (kept, *others)]


def build_front_matter(page: Page) -> dict[str, Any]:
    """The front matter of ``page`` (without the fingerprint), keys in order."""
    art = page.article
    if art.date is not None and not _DATE_RE.fullmatch(art.date):
        # MyST parses the ``date`` value as Markdown: only ISO dates get in
        raise ValueError(f"article date is not an ISO 8601 date: {art.date!r}")
    meta: dict[str, Any] = {
        "title": art.title,
        "slug": art.slug,
        "theme": art.theme.id if art.theme is not None else "",
        "date": art.date,
        "authors": list(art.authors),
    }
    if art.tags:
        meta["tags"] = list(art.tags)
    meta["sources"] = _sources(art.kept, art.occurrences)
    for key, value in page.extra_meta.items():
        if not isinstance(key, str):
            raise TypeError(f"extra_meta key must be a string: {key!r}")
        if key in RESERVED_META_KEYS:
            raise ValueError(f"extra_meta may not set the reserved key {key!r}")
        meta[key] = _plain(value)
    return meta


# --------------------------------------------------------------------------
# blocks
# --------------------------------------------------------------------------


def _indent(text: str, prefix: str, indent: str) -> str:
    """``prefix`` before the first line, ``indent`` before the others."""
    lines = text.split("\n")
    return "\n".join([prefix + lines[0], *(indent + line for line in lines[1:])])


def _blank_split(text: str) -> list[str]:
    """Split on blank lines (spaces and tabs only)."""
    parts = re.split(r"\n[ \t]*(?:\n[ \t]*)+", text)
    return [p for p in parts if p.strip(" \t\n")]


_SEP_CHARS = ":-\u2013\u2014."
_SEP_RE = re.compile(r"[ \t\u00a0\u202f]*[:\-\u2013\u2014.]+")


def _render_answer(block: Answer) -> str:
    speaker = (block.speaker or "").strip()
    if not speaker:
        return escape_with_links(block.text)
    text = block.text.strip(" \t")
    after = text[len(speaker) : len(speaker) + 1]  # the speaker must end a word
    if text.startswith(speaker) and (not after or after.isspace() or after in _SEP_CHARS):
        rest = text[len(speaker) :]
        sep = _SEP_RE.match(rest)
        cut = sep.end() if sep else 0
        bold, rest = speaker + rest[:cut], rest[cut:]
    else:
        bold, rest = speaker, text
        if speaker[-1] not in ":-\u2013\u2014":
            bold += "\u00a0:"
    strong = f"**{escape_inline(bold, wrapped=True, single_line=True)}**"
    rest = escape_with_links(rest.lstrip())
    return f"{strong} {rest}" if rest else strong


def _container(cls: str, text: str) -> str:
    inner = escape_with_links(text)
    if not inner:
        return ""
    # no line of ``inner`` starts with ":" (escaped), so ":::" cannot close early
    return f":::{{container}} {cls}\n{inner}\n:::"


def _deflist(pairs: tuple[tuple[str, str], ...]) -> str:
    items = []
    for term, value in pairs:
        t = escape_inline(term, single_line=True)
        v = escape_with_links(value)
        if not t and not v:
            continue
        items.append(_indent(v or _EMPTY, f"{t or _EMPTY}\n: ", "  "))
    return "\n\n".join(items)


class _Renderer:
    """Renders blocks in order, keeping the little state Markdown needs."""

    def __init__(self) -> None:
        self.level = 1  # the page title
        self.last: tuple[str, str] | None = None  # (kind, marker) of the last block

    def block(self, block: Block) -> str:
        """The MyST text of ``block`` ("" for a blank one, which changes nothing)."""
        last, self.last = self.last, None
        out = self._render(block, last)
        if not out:
            self.last = last
        return out

    def _render(self, block: Block, last: tuple[str, str] | None) -> str:
        match block:
            case Heading():
                text = escape_heading(block.text)
                if not text:
                    return ""
                level = min(max(block.level, 2), 4, self.level + 1)
                self.level = level
                return f"{'#' * level} {text}"
            case Paragraph():
                return escape_with_links(block.text)
            case ListBlock():
                return self._list(block, last)
            case Quote():
                lines: list[str] = []
                for para in filter(None, map(escape_with_links, _blank_split(block.text))):
                    if lines:
                        lines.append(">")  # a paragraph break inside the quote
                    lines.extend("> " + line for line in para.split("\n"))
                quote = "\n".join(lines)
                attribution = _container(ATTRIBUTION_CLASS, block.attribution)
                if not attribution:
                    return quote
                # the quotation and who said it, kept together (nested container)
                return f"::::{{container}} {QUOTE_CLASS}\n{quote}\n\n{attribution}\n::::"
            case SeeAlso():
                items = [escape_with_links(item) for item in block.items]
                listed = "\n".join(_indent(i, "- ", "  ") for i in items if i)
                label = escape_inline(block.label, wrapped=True, single_line=True)
                label = f"**{label or SEE_ALSO_LABEL}**"
                inner = f"{label}\n\n{listed}" if listed else label
                return f":::{{container}} {SEE_ALSO_CLASS}\n{inner}\n:::"
            case Question():
                text = escape_inline(block.text, wrapped=True)
                return f"**{text}**" if text else ""
            case Answer():
                return _render_answer(block)
            case Caption():
                return _container(CAPTION_CLASS, block.text)
            case Credit():
                return _container(CREDIT_CLASS, block.text)
            case Byline():
                text = escape_inline(block.text, wrapped=True)
                return f"*{text}*" if text else ""
            case Facts() | Timetable():
                pairs = block.pairs if isinstance(block, Facts) else block.entries
                out = _deflist(pairs)
                if not out:
                    return ""
                self.last = ("deflist", "")
                return f"%\n\n{out}" if last == ("deflist", "") else out
        raise TypeError(f"unknown block type: {type(block).__name__}")

    def _list(self, block: ListBlock, last: tuple[str, str] | None) -> str:
        items = [escape_with_links(item) for item in block.items]
        items = [item for item in items if item]
        if not items:
            return ""
        if block.ordered:
            marker = ")" if last == ("ordered", ".") else "."
            self.last = ("ordered", marker)
            first = min(max(block.start, 0), 999_999_999 - len(items) + 1)
            out = []
            for n, item in enumerate(items, start=first):
                prefix = f"{n}{marker} "
                out.append(_indent(item, prefix, " " * len(prefix)))
            return "\n".join(out)
        marker = "*" if last == ("bullet", "-") else "-"
        self.last = ("bullet", marker)
        return "\n".join(_indent(item, f"{marker} ", "  ") for item in items)


def render_block(block: Block) -> str:
    """The MyST text of one block on its own ("" for a blank block)."""
    return _Renderer().block(block)


def _body(page: Page) -> str:
    art = page.article
    title = escape_heading(art.title) or escape_heading(art.slug) or "Sans titre"
    parts = [f"# {title}"]
    renderer = _Renderer()
    for block in page.blocks:
        text = renderer.block(block)
        if text:
            parts.append(text)
    return "\n\n".join(parts) + "\n"


def render_page(page: Page, *, fingerprint: bool = True) -> str:
    """The complete MyST page: front matter, ``# title`` and blocks.

    With ``fingerprint`` the front matter ends with
    ``fingerprint: sha256:<hex>``, the hash of the page rendered without that
    line (see :func:`compute_fingerprint`).
    """
    head = "---\n" + _dump(build_front_matter(page))
    body = "---\n\n" + _body(page)
    if not fingerprint:
        return head + body
    line = _dump({"fingerprint": compute_fingerprint(head + body)})
    return head + line + body
