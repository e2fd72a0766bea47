"""Read the hand-written line-role annotations (format: ``tests/data/ROLES.md``).

They are the training and evaluation data of the line-role model
(``convert/label.py``): one TSV row per non-blank line of a dump, with
whether an article starts there and the line's role.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class Annotated:
    """One annotated dump: its source text file and its rows."""

    name: str  # the dump's name, e.g. "blog-lpcpon-1" or "unseen/03-wiki"
    #: "corpus" (the five dumps), "unseen" (pages written for the project in
    #: other layouts) or "fixtures" (the small dumps of the test fixtures)
    group: str
    text_path: Path
    rows: tuple[Row, ...]


def annotated_files(data: Path, sources: Path) -> list[Annotated]:
    """Every annotated dump under ``data`` (``roles/`` for ``sources``, ``unseen/``, ``fixtures/``)."""
    found = []
    for tsv in sorted((data / "roles").glob("*.tsv")):
        found.append(
            Annotated(tsv.stem, "corpus", sources / f"{tsv.stem}.txt", tuple(read_rows(tsv)))
        )
    for tsv in sorted((data / "unseen").glob("*.tsv")):
        found.append(
            Annotated(
                f"unseen/{tsv.stem}", "unseen", tsv.with_suffix(".txt"), tuple(read_rows(tsv))
            )
        )
    for tsv in sorted((data / "fixtures").glob("*.tsv")):
        found.append(
            Annotated(f"fixtures/{tsv.stem}", "fixtures", _text_of(tsv), tuple(read_rows(tsv)))
        )
    return found


FILE_COMMENT = "# file: "  # an annotation of a dump kept elsewhere in the repository


def _text_of(tsv: Path) -> Path:
    """The dump a TSV annotates: beside it, or named by a ``# file:`` comment."""
    for raw in tsv.read_text("utf-8").split("\n"):
        if raw.startswith(FILE_COMMENT):
            return tsv.parents[3] / raw[len(FILE_COMMENT) :].strip()
    return tsv.with_suffix(".txt")


#: hand-judged occurrences of glossary forms (format: ``tests/data/GLOSSARY_LINKS.md``)
LINK_COLUMNS = ("group", "page", "term", "words", "verdict", "reason", "note", "sentence")


def read_link_judgements(path: Path) -> list[dict[str, str]]:
    """The rows of ``tests/data/glossary_links.tsv`` (``#`` lines are comments)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(
            (line for line in handle if not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            escapechar="\\",
        )
        return [dict(row) for row in rows]
