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
from ..data.names import ProperNames

__all__ = [
    "ADDED_CLASS",
    "RULES",
    "BacklinksDirective",
    "LinkUse",
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
    #: why these words are not linked (a key of :data:`RULES`), "" when they are
    rule: str = ""


#: why a match is not linked, in French (``handbook links`` shows them)
RULES = {
    "other-word": "autre mot (les accents diffèrent : « ciblé » n'est pas « cible »)",
    "skip-in": "autre sens (expression listée dans « skip_in »)",
    "near": "autre sens (aucun mot de « near » dans le paragraphe)",
    "name-list": "dans un nom propre (docs/_data/proper-names.yaml)",
    "capitals": "dans un nom propre (suite de mots à majuscule)",
    "title": "dans un titre entre guillemets (œuvre, événement, appel à projets)",
    "verb": "verbe conjugué (après un pronom sujet)",
}
#: words after which a form is a conjugated verb, not the noun of the glossary
_PRONOUNS = frozenset(
    [
        "je",
        "j",
        "tu",
        "il",
        "elle",
        "on",
        "nous",
        "vous",
        "ils",
        "elles",
        "qui",
        "ne",
        "n",
        "se",
        "s",
        "me",
        "m",
        "te",
        "t",
    ]
)
#: small words inside a name (« Licence Communication Publique et Outils Numériques »)
_CONNECTORS = frozenset(
    ["de", "du", "de", "d", "la", "le", "l", "et", "pour", "un", "une", "en", "a", "au", "sur"]
)
#: the small words between a name's head and the rest (« Agence du … »; not « et »)
_NAME_LINKS = _CONNECTORS - {"et", "un", "une", "en", "a", "sur"}
#: a text in « » this short that starts with a capital is a title, not a quotation
TITLE_MAX_WORDS = 8
#: what may stand before the first word of a sentence (spaces aside)
_SENTENCE_MARKS = frozenset('.!?…:;«»"“”([—–')
_ACCENTED = re.compile(r"[^\x00-\x7f]")


def _same_word(text_word: str, form_word: str) -> bool:
    """Whether a word of the text is the glossary's word: same letters and accents,
    a plural ``s``/``x`` aside; a word written without any accent may match an
    accented one (typed without accents)."""
    a, b = text_word.lower(), form_word.lower()
    if word_key(a) == word_key(b):
        return True
    if _ACCENTED.search(a):
        return False
    folded_a = "".join(map(fold_char, a))
    folded_b = "".join(map(fold_char, b))
    return word_key(folded_a) == word_key(folded_b)


def _keys(text: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in _WORD.findall("".join(map(fold_char, text))))


class TermMatcher:
    """Find glossary forms in texts, and say which to link; see the module docstring."""

    def __init__(self, entries: Iterable[GlossaryEntry], names: ProperNames | None = None) -> None:
        names = names or ProperNames()
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        self._entries: dict[str, GlossaryEntry] = {}
        for entry in entries:
            self._entries[entry.term] = entry
            for form in entry.forms:
                keys = _keys(form)
                if keys:
                    words = tuple(_WORD.findall(form))
                    self._by_first.setdefault(keys[0], []).append((keys, entry.term, words))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda item: (-len(item[0]), item[0]))
        self._names = [keys for keys in (_keys(name) for name in names.names) if keys]
        self._heads = [keys for keys in (_keys(head) for head in names.heads) if keys]
        self._phrases = {
            term: (
                [_keys(p) for p in entry.skip_in],
                [_keys(p) for p in entry.link_in],
                [_keys(p) for p in entry.near],
            )
            for term, entry in self._entries.items()
        }

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str, context: Context | str | None = None) -> list[Match]:
        """The matches to link in ``text``, left to right (see :meth:`candidates`)."""
        return [m for m in self.candidates(text, context) if not m.rule]

    def candidates(self, text: str, context: Context | str | None = None) -> list[Match]:
        """Every non-overlapping match in ``text``, left to right, longest first,
        each with the rule that keeps it from being linked (``""`` if none).

        ``context`` is the paragraph holding ``text`` (for the ``near`` words;
        ``text`` itself when None).
        """
        paragraph = context if isinstance(context, Context) else Context(context or text)
        folded: list[str] = []
        origin: list[int] = []  # index in `text` of each folded character
        for index, ch in enumerate(text):
            piece = fold_char(ch)
            folded.append(piece)
            origin.extend([index] * len(piece))
        flat = "".join(folded)
        words = [(m.start(), m.end(), word_key(m.group())) for m in _WORD.finditer(flat)]
        keys = [w[2] for w in words]
        spans = [(origin[w[0]], origin[w[1] - 1] + 1) for w in words]
        found: list[Match] = []
        i = 0
        while i < len(words):
            size = 0
            for form_keys, term, form_words in self._by_first.get(words[i][2], ()):
                n = len(form_keys)
                if i + n > len(words):
                    continue
                if any(words[i + k][2] != form_keys[k] for k in range(1, n)):
                    continue
                if any(
                    not _SEPARATOR.fullmatch(flat[words[i + k][1] : words[i + k + 1][0]])
                    for k in range(n - 1)
                ):
                    continue
                start, end = spans[i][0], spans[i + n - 1][1]
                rule = self._rule(text, spans, keys, i, n, term, form_words, paragraph)
                found.append(Match(start, end, term, rule))
                size = n
                break
            i += size or 1
        return found

    @staticmethod
    def _in_capitalised_run(
        text: str, spans: list[tuple[int, int]], keys: list[str], i: int, n: int
    ) -> bool:
        """Whether the match is part of a longer run of capitalised words (joined
        by small words such as « de », « et »): a proper name, e.g. « Licence
        Communication Publique et Outils Numériques ». A term capitalised by
        habit (« les Fab Labs ») stands alone and is linked."""
        if not any(text[slice(*spans[k])][:1].isupper() for k in range(i, i + n)):
            return _after_name_head(text, spans, keys, i)
        for step, edge in ((-1, i), (1, i + n - 1)):
            k, small = edge, 0
            while 0 <= k + step < len(spans) and _joined(text, spans, min(k, k + step)):
                k += step
                if _capitalised(text, spans, k) and keys[k] not in _CONNECTORS:
                    return True
                if keys[k] not in _CONNECTORS or small == 2:
                    break
                small += 1
        return False

    def _rule(
        self,
        text: str,
        spans: list[tuple[int, int]],
        keys: list[str],
        i: int,
        n: int,
        term: str,
        form_words: tuple[str, ...],
        context: Context,
    ) -> str:
        original = [text[a:b] for a, b in spans[i : i + n]]
        if len(form_words) == n and not all(
            _same_word(t, f) for t, f in zip(original, form_words, strict=True)
        ):
            return "other-word"
        skip_in, link_in, near = self._phrases[term]
        if any(_covers(keys, phrase, i, n) for phrase in link_in):
            return ""
        if any(_covers(keys, phrase, i, n) for phrase in skip_in):
            return "skip-in"
        if near and not any(_covers(context.keys, phrase, None, 0) for phrase in near):
            return "near"
        if any(_overlaps(keys, name, i, n) for name in self._names) or any(
            _ends_before(text, spans, keys, head, i) for head in self._heads
        ):
            return "name-list"
        if _in_quoted_title(text, spans[i][0], spans[i + n - 1][1]):
            return "title"
        common = bool(form_words) and not form_words[0][:1].isupper()  # not a name itself
        if common and self._in_capitalised_run(text, spans, keys, i, n):
            return "capitals"
        if i > 0:
            between = text[spans[i - 1][1] : spans[i][0]]
            previous = "".join(map(fold_char, text[slice(*spans[i - 1])]))
            if between.strip(" \u00a0'’") == "" and previous in _PRONOUNS:
                return "verb"
        return ""


def _capitalised(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """Word ``k`` starts with a capital and does not start a sentence."""
    word = text[slice(*spans[k])]
    if not word[:1].isupper():
        return False
    before = text[: spans[k][0]].rstrip(" \t\n\u00a0\u202f")
    return bool(before) and before[-1] not in _SENTENCE_MARKS


def _joined(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """Words ``k`` and ``k + 1`` stand side by side (spaces, apostrophe, hyphen, &)."""
    return text[spans[k][1] : spans[k + 1][0]].strip(" \u00a0\u202f'’-&") == ""


def _after_name_head(text: str, spans: list[tuple[int, int]], keys: list[str], i: int) -> bool:
    """A lower-case match that completes a capitalised head through small words:
    « l'Agence du service civique », « les Rencontres nationales de la
    communication numérique » (head, at most one lower-case word, then « de »…)."""
    k, small = i, 0
    while k > 0 and _joined(text, spans, k - 1) and keys[k - 1] in _NAME_LINKS and small < 3:
        k, small = k - 1, small + 1
    if not small:
        return False
    for head in (k - 1, k - 2):
        if head < 0 or not _joined(text, spans, head):
            return False
        word = text[slice(*spans[head])]
        if _capitalised(text, spans, head) and not word.isupper():
            return True
        if word[:1].isupper():
            return False  # an acronym, or a sentence's first word
    return False


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Inside « … » holding a short text that starts with a capital: the title of
    a work, an event or a call for projects, not a quotation."""
    opening = text.rfind("«", 0, start)
    if opening == -1 or "»" in text[opening:start]:
        return False
    closing = text.find("»", end)
    if closing == -1:
        return False
    inside = text[opening + 1 : closing].strip(" \u00a0\u202f")
    return inside[:1].isupper() and len(_WORD.findall(inside)) <= TITLE_MAX_WORDS


def _ends_before(
    text: str, spans: list[tuple[int, int]], keys: list[str], phrase: tuple[str, ...], i: int
) -> bool:
    """Whether ``phrase`` stands right before word ``i`` (nothing but a space between)."""
    size = len(phrase)
    start = i - size
    return (
        start >= 0
        and tuple(keys[start:i]) == phrase
        and text[spans[i - 1][1] : spans[i][0]].strip(" \u00a0\u202f") == ""
    )


def _overlaps(keys: list[str], phrase: tuple[str, ...], i: int, n: int) -> bool:
    """Whether an occurrence of ``phrase`` in ``keys`` shares a word with ``i``…``i + n - 1``."""
    size = len(phrase)
    return size > 0 and any(
        tuple(keys[s : s + size]) == phrase
        for s in range(max(0, i - size + 1), min(i + n, len(keys) - size + 1))
    )


def _covers(keys: list[str], phrase: tuple[str, ...], i: int | None, n: int) -> bool:
    """Whether ``phrase`` occurs in ``keys`` over words ``i``…``i + n - 1``
    (anywhere when ``i`` is None)."""
    size = len(phrase)
    if not size:
        return False
    lowest = 0 if i is None else max(0, i + n - size)
    highest = len(keys) - size if i is None else min(i, len(keys) - size)
    return any(tuple(keys[s : s + size]) == phrase for s in range(lowest, highest + 1))


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


@dataclass(frozen=True)
class LinkUse:
    """One match of a glossary form in a page, linked or not (``handbook links``)."""

    term: str
    words: str  # the words of the text, as written
    sentence: str
    linked: bool
    rule: str  # why not linked: a key of RULES, or "repeat" (linked earlier in the page)


def _holder(node: nodes.Node) -> nodes.Node:
    """The paragraph (or other text element) holding ``node``."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.TextElement | nodes.document):
        parent = parent.parent
    while isinstance(parent, nodes.Inline) and parent.parent is not None:
        parent = parent.parent
    return parent if parent is not None else node


class Context:
    """The paragraph holding a text, read only when a rule or a listing needs it."""

    def __init__(self, node: nodes.Node | str) -> None:
        self._node = node
        self._text: str | None = None
        self._keys: list[str] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            node = self._node
            self._text = node if isinstance(node, str) else node.astext()
        return self._text

    @property
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = list(_keys(self.text))
        return self._keys


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start``…``end``."""
    before = max(text.rfind(mark, 0, start) for mark in ".!?…\n")
    after = [i for i in (text.find(mark, end) for mark in ".!?…\n") if i != -1]
    return " ".join(text[before + 1 : (min(after) + 1) if after else len(text)].split())


def link_terms(
    document: nodes.document,
    matcher: TermMatcher,
    docname: str,
    uses: list[LinkUse] | None = None,
) -> list[str]:
    """Link the first linkable occurrence of each glossary term; return the terms linked.

    With ``uses``, every match is also recorded there, linked or not.
    """
    linked: dict[str, None] = {}
    if not matcher:
        return []
    contexts: dict[int, Context] = {}
    for text in list(_texts(document)):
        source = str(text)
        holder = _holder(text)
        context = contexts.setdefault(id(holder), Context(holder))
        matches = matcher.candidates(source, context)
        pieces: list[nodes.Node] = []
        position = 0
        for match in matches:
            words = source[match.start : match.end]
            if uses is not None:
                rule = match.rule or ("repeat" if match.term in linked else "")
                uses.append(
                    LinkUse(
                        match.term,
                        words,
                        _sentence(context.text, *_locate(context.text, source, match)),
                        not rule,
                        rule,
                    )
                )
            if match.rule or match.term in linked:
                continue
            linked[match.term] = None
            if match.start > position:
                pieces.append(nodes.Text(source[position : match.start]))
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


def _locate(context: str, source: str, match: Match) -> tuple[int, int]:
    """Where a match of the text node ``source`` stands in its paragraph's text."""
    offset = context.find(source)
    if offset == -1:
        return 0, len(context)
    return offset + match.start, offset + match.end


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
