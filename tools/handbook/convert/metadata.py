"""Metadata stated in an article's first lines: date, category tags, bylines.

Used by the segment stage when it builds each article occurrence.
"""

from __future__ import annotations

from . import shapes
from .model import Line


def extract_metadata(body: list[Line]) -> tuple[str | None, list[str], list[str]]:
    """Date (``Publié le``), category tags and bylines stated as metadata."""
    date: str | None = None
    tags: list[str] = []
    authors: list[str] = []
    head = body[:12]
    for index, line in enumerate(head):
        match = shapes.PUBLISHED.match(line.text)
        if match and date is None:
            rest = match["rest"]
            if rest.strip():
                date = shapes.parse_french_date(rest)
            elif index + 1 < len(head):
                date = shapes.parse_french_date(head[index + 1].text)
            if date:
                # Short lines just before "Publié le", in the same run, are categories.
                back = index - 1
                while back >= 0 and head[back].number == head[back + 1].number - 1:
                    text = shapes.clean(head[back].text)
                    if len(shapes.words(text)) > 6 or shapes.ends_sentence(text):
                        break
                    tags.insert(0, text)
                    back -= 1
    for position, line in enumerate(body):
        match = shapes.BYLINE.match(line.text)
        if match:
            authors.append(shapes.clean(match["who"]))
            continue
        match = shapes.SHORT_BYLINE.match(line.text)
        if match and position < 6:
            authors.append(shapes.clean(match["who"]))
    return date, tags, authors
