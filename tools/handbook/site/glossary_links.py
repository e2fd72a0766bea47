"""Glossary links: terms found in the articles, and the articles listed in the glossary.

:class:`TermMatcher` finds glossary terms (and aliases) in a text, ignoring
letter case, accents and a plural ``s``/``x`` at the end of each word; words
of a term may be separated by spaces, hyphens or apostrophes.  The longest
term wins (« communication de crise » before « communication »).

:func:`link_terms` wraps the first occurrence of each term of a page in a
``pending_xref`` (``std:term``), keeping the words of the article exactly as
they are: the text node is split, nothing is rewritten.  Headings, existing
links and references, literal text and code, and the nodes this extension
adds are skipped.

The glossary page holds one :class:`backlinks_placeholder` per entry; at
write time (``doctree-resolved``) it becomes « Utilisé dans : … » with links
to the articles that use the term.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..data.glossary import GlossaryEntry, fold_char, word_key

__all__ = [
    "ADDED_CLASS",
    "BacklinksDirective",
    "TermMatcher",
    "backlinks_placeholder",
    "link_terms",
]

#: class of every node the extension adds to an article (never auto-linked)
ADDED_CLASS = "handbook-added"

_WORD = re.compile(r"[^\W_]+")
#: what may separate the words of a term in the text (folded): spaces,
#: apostrophes, hyphens
_SEPARATOR = re.compile(r"[\s'\-\u2010\u2011]+")
_SKIP = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.reference,
    nodes.target,
    nodes.literal,
    nodes.FixedTextElement,  # literal_block, doctest_block, math_block, line_block...
    nodes.raw,
    nodes.comment,
    nodes.math,
    nodes.image,
    nodes.system_message,
    nodes.abbreviation,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_reference,
    nodes.field_name,
    nodes.Invisible,
    addnodes.pending_xref,
    addnodes.index,
    addnodes.toctree,
    addnodes.only,
)


@dataclass(frozen=True)
class Match:
    start: int  # in the original text
    end: int
    term: str  # the glossary entry's term, as written in the glossary


class TermMatcher:
    """Find glossary forms in texts; see the module docstring."""

    def __init__(self, entries: Iterable[GlossaryEntry]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entry in entries:
            for form in entry.forms:
                keys = tuple(word_key(w) for w in _WORD.findall("".join(map(fold_char, form))))
                if keys:
                    self._by_first.setdefault(keys[0], []).append((keys, entry.term))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: (-len(item[0]), item[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping match in ``text``, left to right, longest first."""
        folded: list[str] = []
        origin: list[int] = []  # index in `text` of each folded character
        for index, ch in enumerate(text):
            piece = fold_char(ch)
            folded.append(piece)
            origin.extend([index] * len(piece))
        flat = "".join(folded)
        words = [(m.start(), m.end(), word_key(m.group())) for m in _WORD.finditer(flat)]
        found: list[Match] = []
        i = 0
        while i < len(words):
            size = 0
            for keys, term in self._by_first.get(words[i][2], ()):
                n = len(keys)
                if i + n > len(words):
                    continue
                if any(words[i + k][2] != keys[k] for k in range(1, n)):
                    continue
                if any(
                    not _SEPARATOR.fullmatch(flat[words[i + k][1] : words[i + k + 1][0]])
                    for k in range(n - 1)
                ):
                    continue
                start = origin[words[i][0]]
                end = origin[words[i + n - 1][1] - 1] + 1
                found.append(Match(start, end, term))
                size = n
                break
            i += size or 1
        return found


def _skipped(node: nodes.Node) -> bool:
    return isinstance(node, _SKIP) or (
        isinstance(node, nodes.Element) and ADDED_CLASS in node.get("classes", ())
    )


def _texts(node: nodes.Node) -> Iterable[nodes.Text]:
    """The text nodes of ``node`` in document order, outside skipped elements."""
    for child in list(node.children):
        if isinstance(child, nodes.Text):
            yield child
        elif not _skipped(child):
            yield from _texts(child)


def link_terms(document: nodes.document, matcher: TermMatcher, docname: str) -> list[str]:
    """Link the first occurrence of each glossary term; return the terms linked."""
    linked: dict[str, None] = {}
    if not matcher:
        return []
    for text in list(_texts(document)):
        source = str(text)
        matches = matcher.find(source)
        pieces: list[nodes.Node] = []
        position = 0
        for match in matches:
            if match.term in linked:
                continue
            linked[match.term] = None
            if match.start > position:
                pieces.append(nodes.Text(source[position : match.start]))
            words = source[match.start : match.end]
            xref = addnodes.pending_xref(
                "",
                refdomain="std",
                reftype="term",
                reftarget=match.term,
                refexplicit=True,
                refwarn=True,
                refdoc=docname,
                classes=["handbook-term"],
            )
            xref += nodes.inline(words, words, classes=["xref", "std", "std-term"])
            xref.source, xref.line = text.parent.source, text.parent.line
            pieces.append(xref)
            position = match.end
        if pieces:
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            parent = text.parent
            # by identity: Text nodes are strings, equal texts compare equal
            index = next(i for i, child in enumerate(parent.children) if child is text)
            parent[index : index + 1] = pieces
    return list(linked)


# --------------------------------------------------------------------------
# backlinks in the glossary
# --------------------------------------------------------------------------


class backlinks_placeholder(nodes.General, nodes.Element):
    """Where the « Utilisé dans » line of a glossary entry goes (``term`` attribute)."""


class BacklinksDirective(SphinxDirective):
    """``{handbook-backlinks} <term>``: placeholder filled at write time."""

    has_content = False
    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        node = backlinks_placeholder(term=" ".join(self.arguments[0].split()))
        self.set_source_info(node)
        return [node]


def backlinks_paragraph(
    uses: list[tuple[str, str]], refuri: Callable[[str], str]
) -> nodes.paragraph:
    """« Utilisé dans : A, B. » with ``uses`` = ``[(docname, title), …]``."""
    paragraph = nodes.paragraph(classes=["handbook-backlinks"])
    paragraph += nodes.Text("Utilisé dans : ")
    for index, (docname, title) in enumerate(uses):
        if index:
            paragraph += nodes.Text(", " if index < len(uses) - 1 else " et ")
        paragraph += nodes.reference(title, title, internal=True, refuri=refuri(docname))
    paragraph += nodes.Text(".")
    return paragraph
