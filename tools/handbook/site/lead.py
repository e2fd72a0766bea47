"""An article's lead: its first sentence, taken unaltered from the page's MyST.

Shown on theme cards and in page descriptions. :func:`first_sentence` does the
same for a plain text (a glossary definition, shown in its tooltip).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

__all__ = ["extract_lead", "first_sentence"]

# --------------------------------------------------------------------------
# lead: the first sentence of the first paragraph
# --------------------------------------------------------------------------

_MD = MarkdownIt("commonmark")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
_NOT_PARAGRAPH = re.compile(
    r"""^\s*(?:
        \#{1,6}(?:\s|$)        # heading
      | [-+*](?:\s|$)          # bullet list
      | \d{1,9}[.)](?:\s|$)    # ordered list
      | >                      # quote
      | :(?:\s|$)              # definition list value
      | %                      # comment
      | \(.*\)=\s*$            # target
      | \{.*\}`                # a line starting with a role
      | \*{1,2}[^*].*\*{1,2}\s*$   # byline (emphasis) or question (strong) alone
      | ---+\s*$ | \*\*\*+\s*$ | ___+\s*$   # thematic break
    )""",
    re.VERBOSE,
)
# a sentence end: . ? ! or … followed by a space, even a no-break one (closing
# quotes allowed)
_SENTENCE_END = re.compile(r"[.?!…][»”\"')]*(?=\s)")
_CLOSING_QUOTE = re.compile(r"\s*[»”]")
_ABBREVIATIONS = {
    "m",
    "mm",
    "mme",
    "mmes",
    "mlle",
    "mlles",
    "me",
    "dr",
    "pr",
    "st",
    "ste",
    "cf",
    "ex",
    "p",
    "env",
    "art",
    "av",
    "bd",
    "n°",
    "no",
    "vol",
    "chap",
    "fig",
    "etc",
}


def _plain(markdown: str) -> str:
    """The text a reader sees for one line of MyST inline markup."""
    out: list[str] = []
    for token in _MD.parseInline(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return "".join(out)


def _after_abbreviation(text: str, start: int) -> bool:
    """Whether the ``.`` at ``start`` ends an abbreviation ("M. Dupont", "p. ex.")."""
    word = re.search(r"([\w°]+)$", text[:start])
    return (
        text[start] == "."
        and word is not None
        and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)
    )


def _cut(line: str) -> str:
    """The first sentence of ``line``, or the whole line if cutting breaks markup."""
    for match in _SENTENCE_END.finditer(line):
        start = match.start()
        if line[start - 1 : start] == "\\":  # an escaped "\." is not a sentence end
            continue
        if _after_abbreviation(line, start):
            continue
        candidate = line[: match.end()]
        # the cut must not break markup: the reader must see exactly the
        # beginning of what the whole line shows
        if _plain(line).startswith(_plain(candidate)):
            return candidate
        break
    return line


def first_sentence(text: str) -> str:
    """The first sentence of a plain ``text`` (not MyST), spaces collapsed.

    Same sentence ends as :func:`extract_lead` (abbreviations are not ends);
    the whole text when it has a single sentence.
    """
    flat = " ".join(text.split())
    for match in _SENTENCE_END.finditer(flat):
        if not _after_abbreviation(flat, match.start()):
            # a closing quotation mark after a space is the sentence's: « … fini. »
            closing = _CLOSING_QUOTE.match(flat, match.end())
            return flat[: closing.end() if closing else match.end()]
    return flat


def extract_lead(body: str) -> str:
    """The article's first sentence, as MyST taken unaltered from ``body``.

    The first line of the first paragraph that is not a heading, list item,
    quote, byline, definition list, comment, target or directive is cut at
    its first sentence end (``. ``, ``? ``, ``! ``, ``… ``); when the cut
    would break inline markup (inside a link, emphasis…) the whole line is
    taken.  ``""`` when the body has no such paragraph.
    """
    lines = body.split("\n")
    fence: str | None = None
    previous_blank = True
    for index, line in enumerate(lines):
        stripped = line.strip()
        match = _FENCE.match(line)
        if fence is not None:
            closing = match.group(1) if match else ""
            # a closing fence: same character, at least as long, no argument
            if (
                closing[:1] == fence[0]
                and len(closing) >= len(fence)
                and not stripped[len(closing) :].strip()
            ):
                fence = None
            previous_blank = False
            continue
        if match:
            fence = match.group(1)
            previous_blank = False
            continue
        if not stripped:
            previous_blank = True
            continue
        starts_paragraph = previous_blank
        previous_blank = False
        if not starts_paragraph or line.startswith(("    ", "\t")):
            continue
        if _NOT_PARAGRAPH.match(line):
            continue
        following = next((x for x in lines[index + 1 :] if x.strip()), "")
        if following.lstrip().startswith(": ") or following.strip() == ":":
            continue  # a definition list term
        return _cut(stripped)
    return ""
