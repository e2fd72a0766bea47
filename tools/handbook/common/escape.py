"""Escape article text so that MyST-Parser renders it as plain text.

The security boundary between the dumps and the pages: whatever the dumps
hold (Markdown, directives, HTML, control characters), Sphinx shows the very
same characters, with no markup and no link the pipeline did not create.
Escaping is minimal and by context; the rules, character by character, are
in ``DESIGN.md`` (« Escaping ») and each has a case in
``tests/fixtures/render/escaping.md``.
"""

from __future__ import annotations

import re
import string
import urllib.parse

__all__ = [
    "escape_heading",
    "escape_inline",
    "escape_url",
    "escape_with_links",
    "find_urls",
    "visible_controls",
]

_ASCII_PUNCT = frozenset(string.punctuation)
_SPACE = frozenset(" \t")

# --------------------------------------------------------------------------
# control characters
# --------------------------------------------------------------------------


def _visible(ch: str) -> str:
    if ch in "\u2028\u2029":
        return "\n"
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def visible_controls(text: str) -> str:
    """Replace control characters by visible ones (``\\n`` and ``\\t`` are kept).

    C0 controls and DEL become their Unicode control picture (``\\x00`` → ``␀``,
    ``\\r`` → ``␍``, ``\\x7f`` → ``␡``); C1 controls and lone surrogates become
    U+FFFD REPLACEMENT CHARACTER; the LINE and PARAGRAPH SEPARATORs U+2028 and
    U+2029 become ``\\n`` (Python's ``str.splitlines``, used by docutils and
    MyST on directive contents, breaks lines there anyway).
    """
    return _CONTROL_RE.sub(lambda m: _visible(m.group()), text)


# --------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------

_URL_START_RE = re.compile(r"(?<![^\W_])(?<![@/.\-])(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)")
# characters a bare URL may hold: no whitespace (Unicode too), no quotes or
# brackets that commonly surround a URL in prose
_URL_BODY_RE = re.compile(r"[^\s<>\"{}|\\^`\[\]«»“”‘’]+")
_TRAILING_PUNCT = ".,;:!?'*_~…"
# host name and optional port; no user info ("https://site.fr@evil.fr"),
# which also keeps urllib and markdown-it from reading the URL differently
_NETLOC_RE = re.compile(r"(?:[\w-]+\.)*[\w-]+\.?(?::[0-9]{1,5})?")
# characters kept as is in a link destination; anything else is %-encoded
# (notably ( ) < > space \ and non-ASCII characters)
_DEST_SAFE = "-._~:/?#@!$&'*+,;=%"
# an autolink <…> is used only when its display text is guaranteed to equal
# the URL: ASCII, no %-escape (decoded for display), no punycode host
_AUTOLINK_RE = re.compile(r"^https?://[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]+$", re.IGNORECASE)


def escape_url(url: str) -> str | None:
    """Return a link destination for a plain web URL, or ``None``.

    Only ``http://`` and ``https://`` URLs (any letter case) and bare ``www.``
    domains (which get ``https://``) with a host name (and optional numeric
    port, no ``user@``) are accepted; any other
    scheme (``javascript:``, ``data:``, ``vbscript:``, ``mailto:``, ``file:``…),
    relative URL or URL holding whitespace or control characters gives
    ``None``.  The result is safe inside ``[text](…)``: characters other than
    URL delimiters (non-ASCII, parentheses, ``<``, ``>``, ``\\``…) are
    percent-encoded.
    """
    if not url or any(ch.isspace() or _CONTROL_RE.match(ch) for ch in url):
        return None
    if url[:4].lower() == "www.":
        url = "https://" + url
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if not url.lower().startswith(parts.scheme.lower() + "://"):
        return None
    if not _NETLOC_RE.fullmatch(parts.netloc) or not any(ch.isalnum() for ch in host):
        return None
    return urllib.parse.quote(url, safe=_DEST_SAFE)


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the bare web URLs of ``text`` worth linking.

    A URL starts with ``http://``, ``https://`` or ``www.`` (not glued to a
    preceding word) and stops at whitespace, quotes, guillemets or brackets;
    trailing punctuation (``.``, ``,``, ``;``, ``:``, ``!``, ``?``, …) and an
    unbalanced closing ``)`` stay outside it.  Spans for which
    :func:`escape_url` gives ``None`` are left out.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _URL_START_RE.search(text, pos)
        if m is None:
            return spans
        body = _URL_BODY_RE.match(text, m.start())
        end = body.end() if body else m.end()
        while end > m.end():
            last = text[end - 1]
            if last in _TRAILING_PUNCT or (
                last == ")" and text.count("(", m.start(), end) < text.count(")", m.start(), end)
            ):
                end -= 1
            else:
                break
        candidate = text[m.start() : end]
        if end > m.end() and escape_url(candidate) is not None:
            spans.append((m.start(), end))
        pos = max(end, m.end())


# --------------------------------------------------------------------------
# escaping
# --------------------------------------------------------------------------

_ENTITY_RE = re.compile(r"&(?:#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);")
_ORDERED_RE = re.compile(r"[0-9]{1,9}[.)]")
_ATX_RE = re.compile(r"#{1,6}(?:[ \t]|$)")


class _Link:
    """A URL found in the text, rendered as a link."""

    __slots__ = ("url",)

    def __init__(self, url: str) -> None:
        self.url = url

    def render(self) -> str:
        if _AUTOLINK_RE.match(self.url) and "xn--" not in self.url.lower():
            return f"<{self.url}>"
        dest = escape_url(self.url)
        assert dest is not None  # find_urls only keeps valid URLs
        # entities are decoded in a link destination (not in an autolink)
        dest = _ENTITY_RE.sub(lambda m: "\\" + m.group(), dest)
        label = _escape_line(self.url, before="[", after="]", label=True)
        return f"[{label}]({dest})"


# what a link looks like from its neighbours: "[" or "<" before, ")" or ">" after
_LINK_BEFORE = "["
_LINK_AFTER = ")"
# Every character that _escape_line may escape outside the line-start rules.
_MAY_ESCAPE = re.compile(r"[`\[\]|$\\*_<{~&!]")


def _line_start_escapes(line: str) -> set[int]:
    """Positions to escape because ``line`` (already left-stripped) starts a block."""
    out: set[int] = set()
    if not line:
        return out
    c = line[0]
    nxt = line[1] if len(line) > 1 else ""
    if c in ">:~%*":
        out.add(0)
    elif c == "#":
        if _ATX_RE.match(line):
            out.add(0)
    elif c in "-+":
        if nxt in ("", " ", "\t") or (c == "+" and nxt == "+"):
            out.add(0)
        elif c == "-" and (line.startswith("---") or not line.strip("- \t")):
            # "---…" also opens the YAML option block of a directive's content
            out.add(0)
    elif c == "=":
        if not line.strip("= \t"):
            out.add(0)
    elif c.isdigit():
        m = _ORDERED_RE.match(line)
        if m and line[m.end() : m.end() + 1] in ("", " ", "\t"):
            out.add(m.end() - 1)
    # MyST target "(name)=": the line, stripped of any whitespace, ends with ")="
    stripped = line.rstrip()
    if stripped.endswith(")=") and line.lstrip().startswith("("):
        out.add(len(stripped) - 1)
    return out


def _escape_line(
    line: str,
    *,
    before: str | None,
    after: str | None,
    label: bool = False,
    links: list[tuple[int, int]] | None = None,
) -> str:
    """Escape one line (no newline, not blank, already stripped of spaces/tabs).

    ``before``/``after`` are the characters the output will have just before
    and after the line (``None``: a line boundary, i.e. whitespace); ``label``
    is for the text of a link (``]`` escaped, no line-start rules); ``links``
    are URL spans.
    """
    at_start = set() if label else _line_start_escapes(line)
    if not links and not at_start and _MAY_ESCAPE.search(line) is None:
        return line  # fast path: no character of the line is ever escaped below
    units: list[str | _Link] = []
    i = 0
    for start, end in links or ():
        units.extend(line[i:start])
        units.append(_Link(line[start:end]))
        i = end
    units.extend(line[i:])

    def around(k: int, step: int) -> str | None:
        """The character seen next to unit ``k`` (None: line boundary)."""
        j = k + step
        if j < 0 or j >= len(units):
            return before if step < 0 else after
        unit = units[j]
        if isinstance(unit, _Link):
            return _LINK_AFTER if step < 0 else _LINK_BEFORE
        return unit

    # map character positions of the line to unit indexes for line-start rules
    unit_of_pos: dict[int, int] = {}
    pos = 0
    for k, unit in enumerate(units):
        if isinstance(unit, _Link):
            pos += len(unit.url)
        else:
            unit_of_pos[pos] = k
            pos += 1
    forced = {unit_of_pos[p] for p in at_start if p in unit_of_pos}

    out: list[str] = []
    for k, unit in enumerate(units):
        if isinstance(unit, _Link):
            out.append(unit.render())
            continue
        ch = unit
        prev = around(k, -1)
        nxt = around(k, +1)
        if ch in "`[|$":
            esc = True
        elif ch == "]":
            esc = label
        elif ch == "\\":
            esc = nxt is None or nxt in _ASCII_PUNCT
        elif ch == "*":  # a "*" between spaces can neither open nor close
            esc = not (prev is not None and prev in _SPACE and (nxt is None or nxt in _SPACE))
        elif ch == "_":  # intraword "_" can neither open nor close
            esc = not (prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum())
        elif ch == "<":
            esc = not (nxt is None or nxt in _SPACE)
        elif ch == "{":  # "{{" substitution; "{" right after a link (attributes)
            esc = nxt == "{" or (k > 0 and isinstance(units[k - 1], _Link))
        elif ch == "~":
            esc = prev == "~" or nxt == "~"
        elif ch == "&":
            esc = _entity_at(units, k)
        elif ch == "!":  # "![…](…)" would make our link an image
            esc = k + 1 < len(units) and isinstance(units[k + 1], _Link)
        else:
            esc = False
        esc = esc or k in forced
        out.append("\\" + ch if esc else ch)
    return "".join(out)


def _entity_at(units: list[str | _Link], k: int) -> bool:
    tail: list[str] = []
    for unit in units[k : k + 40]:
        if isinstance(unit, _Link):
            break
        tail.append(unit)
    return _ENTITY_RE.match("".join(tail)) is not None


def _reference(ch: str) -> str:
    return f"&#x{ord(ch):X};"


def _escape(text: str, *, links: bool, wrapped: bool, single_line: bool) -> str:
    text = visible_controls(text)
    if single_line:
        text = text.replace("\n", " ")
    lines = [line.strip(" \t") for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    # edge whitespace that markdown-it (or Python's str.strip) would remove
    head = len(lines[0]) - len(lines[0].lstrip())
    lead = lines[0][:head]
    lines[0] = lines[0][head:]
    tail_src = lines[-1]
    tail = len(tail_src) - len(tail_src.rstrip())
    trail = tail_src[len(tail_src) - tail :] if tail else ""
    if tail:
        lines[-1] = tail_src[: len(tail_src) - tail]
    out: list[str] = []
    for n, line in enumerate(lines):
        is_first, is_last = n == 0, n == len(lines) - 1
        if not line:  # a line of edge whitespace only
            out.append("")
            continue
        spans = find_urls(line) if links else None
        # what the output has around the line: an entity for edge whitespace,
        # the emphasis delimiter of a wrapped text, else a line boundary
        before = ";" if is_first and lead else ("*" if is_first and wrapped else None)
        after = "&" if is_last and trail else ("*" if is_last and wrapped else None)
        escaped = _escape_line(line, before=before, after=after, links=spans)
        out.append(escaped)
    out[0] = "".join(map(_reference, lead)) + out[0]
    out[-1] = out[-1] + "".join(map(_reference, trail))
    return "\n".join(line for line in out if line)


def escape_inline(text: str, *, wrapped: bool = False, single_line: bool = False) -> str:
    """Escape ``text`` so that MyST renders exactly its characters, as plain text.

    The result is meant to be one paragraph (or part of one): each line is
    escaped for its own line-start context, blank lines are dropped, leading
    and trailing spaces/tabs of each line removed.  With ``wrapped=True`` the
    text is to be placed between emphasis delimiters (``**…**``, ``*…*``): its
    edges then count as non-whitespace, so ``*``/``_``/``<`` there are escaped.
    With ``single_line=True`` line breaks (including those :func:`visible_controls`
    makes of U+2028/U+2029) become spaces.  Returns ``""`` for a blank text.
    """
    return _escape(text, links=False, wrapped=wrapped, single_line=single_line)


def escape_with_links(text: str) -> str:
    """Like :func:`escape_inline`, turning bare web URLs into links.

    ``http(s)://…`` URLs become autolinks ``<https://…>`` when their display
    text is sure to be the URL itself, otherwise ``[escaped URL](encoded)``;
    ``www.…`` domains become ``[www.…](https://www.…)``.  Trailing punctuation
    stays outside the link (see :func:`find_urls`).
    """
    return _escape(text, links=True, wrapped=False, single_line=False)


def escape_heading(text: str) -> str:
    """Escape ``text`` for an ATX heading line (``## …``): one line only.

    Newlines become spaces; a trailing run of ``#`` (which markdown-it would
    take for the closing sequence of the heading) is escaped.
    """
    out = _escape(text, links=False, wrapped=False, single_line=True)
    m = re.search(r"(?:^|(?<=[ \t]))#+$", out)
    if m:
        out = out[: m.start()] + "\\" + out[m.start() :]
    return out
