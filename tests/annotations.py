"""Read the hand-written line-role annotations of tests/data (format: tests/data/ROLES.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

ROLES = frozenset(
    {
        "title", "repeat", "heading2", "heading3", "heading4", "paragraph", "list_item",
        "quote", "attribution", "caption", "credit", "byline", "date", "see_also_label",
        "see_also", "question", "answer", "fact", "timetable", "chrome",
    }
)  # fmt: skip
#: roles whose lines are not the article's text (they may leave the page by a rule)
NOT_TEXT = frozenset({"chrome", "repeat"})


@dataclass(frozen=True)
class Row:
    line: int
    start: bool
    role: str
    text: str


def read_rows(path: Path) -> list[Row]:
    rows = []
    for raw in path.read_text("utf-8").split("\n"):
        if not raw or raw.startswith("#"):
            continue
        line, start, role, text = raw.split("\t", 3)
        rows.append(Row(int(line), start == "B", role, text))
    return rows


def articles(rows: list[Row]) -> list[list[Row]]:
    """The rows of each annotated article (from one ``B`` row to the next), chrome left out."""
    found: list[list[Row]] = []
    for row in rows:
        if row.start:
            found.append([])
        if found and row.role != "chrome":
            found[-1].append(row)
    return found
