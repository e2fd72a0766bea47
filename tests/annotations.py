"""The line-role annotations of tests/data (format: tests/data/ROLES.md)."""

from __future__ import annotations

from pathlib import Path

from handbook.data.annotations import NOT_TEXT, ROLES, Row, read_rows

DATA = Path(__file__).resolve().parent / "data"

__all__ = ["DATA", "NOT_TEXT", "ROLES", "Row", "articles", "read_rows"]


def articles(rows: list[Row]) -> list[list[Row]]:
    """The rows of each annotated article (from one ``B`` row to the next), chrome left out."""
    found: list[list[Row]] = []
    for row in rows:
        if row.start:
            found.append([])
        if found and row.role != "chrome":
            found[-1].append(row)
    return found
