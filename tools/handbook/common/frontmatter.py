"""Front matter of MyST pages: split, parse, locate keys, fingerprint.

The one reader of the ``---`` block at the top of a page, used by the
converter (hand-edit protection), the checks and the Sphinx extension.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import yaml

__all__ = [
    "FINGERPRINT_PREFIX",
    "FrontMatterError",
    "compute_fingerprint",
    "fingerprint_differs",
    "is_hand_edited",
    "key_lines",
    "read_front_matter",
]

FINGERPRINT_PREFIX = "sha256:"
_KEY = re.compile(r"^([A-Za-z_][\w-]*):")

#: libyaml's safe loader when PyYAML was built with it (same result, faster)
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FrontMatterError(ValueError, yaml.YAMLError):
    """The front matter of a page is unusable (unclosed, or not a mapping).

    Both a ``ValueError`` and a ``yaml.YAMLError``; ``problem`` holds a French
    description for the user, as PyYAML's own errors do.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = None


_OPEN_RE = re.compile(r"-{3,}[ \t]*")
_CLOSE_RE = re.compile(r"-{3,}[ \t]*|\.\.\.[ \t]*")


def _split_front_matter(text: str) -> tuple[list[str], int] | None:
    """Lines of ``text`` (with their ends) and the index of the closing line.

    Delimiters as MyST reads them: ``---`` (or more dashes) on the first line,
    then a line of dashes or ``...``, trailing spaces allowed.
    """
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or not _OPEN_RE.fullmatch(lines[0].rstrip("\r\n")):
        return None
    for i in range(1, len(lines)):
        if _CLOSE_RE.fullmatch(lines[i].rstrip("\r\n")):
            return lines, i
    raise FrontMatterError("la ligne --- qui termine l'en-tête manque")


def compute_fingerprint(page_text: str) -> str:
    """``sha256:<hex>`` of ``page_text`` without the front matter's fingerprint line.

    Any top-level ``fingerprint:`` line of the front matter is removed before
    hashing the UTF-8 bytes, so the value stored in a page equals
    ``compute_fingerprint`` of that page as long as nobody edited it.
    """
    try:
        split = _split_front_matter(page_text)
    except FrontMatterError:  # unclosed: nothing to strip, hash the text as is
        split = None
    if split is not None:
        lines, close = split
        kept = [
            line
            for i, line in enumerate(lines)
            if not (0 < i < close and line.startswith("fingerprint:"))
        ]
        page_text = "".join(kept)
    return FINGERPRINT_PREFIX + hashlib.sha256(page_text.encode("utf-8")).hexdigest()


def read_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split a page into its front matter (``yaml.safe_load``), body and body line.

    Returns ``(meta, body, line)`` where ``body`` is the text after the closing
    ``---`` line and ``line`` the 1-based line number where it starts.  A text
    without front matter gives ``({}, text, 1)``.  Raises ``yaml.YAMLError``
    for invalid YAML and :class:`FrontMatterError` (a ``ValueError`` and a
    ``yaml.YAMLError``) for an unclosed front matter or one that is not a
    mapping.
    """
    split = _split_front_matter(text)
    if split is None:
        return {}, text, 1
    lines, close = split
    meta = yaml.load("".join(lines[1:close]), Loader=FAST_SAFE_LOADER) or {}
    if not isinstance(meta, dict):
        raise FrontMatterError("l'en-tête doit être un dictionnaire de champs")
    return meta, "".join(lines[close + 1 :]), close + 2


def key_lines(text: str) -> dict[str, int]:
    """1-based line number of each top-level key of the front matter (for messages)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")[1:], 2):
        if line.strip() == "---":
            break
        match = _KEY.match(line)
        if match:
            lines.setdefault(match[1], number)
    return lines


def is_hand_edited(current: str) -> bool:
    """True when a page's content no longer matches the fingerprint it was written with."""
    try:
        meta, _body, _line = read_front_matter(current)
    except yaml.YAMLError:  # FrontMatterError included
        return True
    return fingerprint_differs(current, meta)


def fingerprint_differs(current: str, meta: Any) -> bool:
    """:func:`is_hand_edited` for a page whose front matter ``meta`` is already parsed."""
    stored = meta.get("fingerprint") if isinstance(meta, dict) else None
    return stored is None or stored != compute_fingerprint(current)
