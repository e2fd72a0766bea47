"""Small French formatting helpers for generated text (dates, lists, plurals)."""

from __future__ import annotations

import datetime as dt

__all__ = ["french_date", "french_list", "plural"]

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(date: dt.date) -> str:
    """``2014-03-01`` -> ``1er mars 2014``."""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {_MONTHS[date.month - 1]} {date.year}"


def french_list(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def plural(count: int, word: str) -> str:
    """French count: ``0 article``, ``1 article``, ``2 articles``."""
    return f"{count} {word}{'s' if count >= 2 else ''}"
