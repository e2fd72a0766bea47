"""Lasting corrections by instructors, read from ``sources/corrections.yaml``.

The converter guesses; an instructor corrects once, in this file, and the
correction is applied on every import. Line entries name a source file and
the line's text (its number is only a hint, so an entry survives lines
added above it); ``convert/correct.py`` finds the line they mean:

* ``role``     – a line's role (``heading2``…``heading4``, ``paragraph``,
  ``caption``, ``credit``, ``byline``, ``list_item``, ``quote``,
  ``attribution``, ``chrome``, ``not-chrome``…), optionally whether an
  article starts there (``start``);
* ``title``    – a line that is an article's title (an article starts there);
* ``split``    – lines where an article starts;
* ``merge``    – lines where the tool saw a new article but the text continues
  the previous one;
* ``chrome``   – lines to treat as site chrome (the older spelling of
  ``role: chrome``);
* ``distinct`` – an article occurrence (by its first line) that is not a copy
  of another one;
* ``ignore``   – articles (by slug) left out of the handbook; their lines are
  reported as dropped, never silently lost;
* ``retitle``  – slug -> title (the slug, hence the URL, does not change);
* ``theme``    – slug -> theme id (a person's choice always wins over the
  classifier).

A section may appear more than once (an entry pasted from ``handbook
review`` at the end of the file, under its own section key): the entries
add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..common.errors import ConfigError
from ..common.frontmatter import FAST_SAFE_LOADER
from ..common.layout import CORRECTIONS_FILE
from .yamlfile import french_schema_message, line_of, load_schema

#: sections whose entries each name one line of a source file
LINE_SECTIONS = ("role", "title", "split", "merge", "chrome", "distinct")
#: the role value that keeps a line the tool took for site chrome
NOT_CHROME = "not-chrome"


@dataclass(frozen=True)
class LineEntry:
    """One entry naming a line: where it is, and what it says about the line."""

    section: str  # one of LINE_SECTIONS
    file: str
    line: int  # the line's number when the entry was written (a hint)
    text: str | None  # the line's text; None in older entries (the number is then exact)
    at: int  # this entry's line in sources/corrections.yaml
    role: str = ""  # for ``role`` entries
    start: bool | None = None  # for ``role`` entries: whether an article starts there


@dataclass(frozen=True)
class Corrections:
    """The corrections file, and (once ``convert.correct.resolve`` ran) the
    lines its entries mean, by ``(file, line number)``."""

    entries: tuple[LineEntry, ...] = ()
    ignore: frozenset[str] = frozenset()
    retitle: dict[str, str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    # resolved line decisions
    chrome: frozenset[tuple[str, int]] = frozenset()
    keep: frozenset[tuple[str, int]] = frozenset()  # not chrome
    split: frozenset[tuple[str, int]] = frozenset()  # an article starts here, titled by it
    starts: frozenset[tuple[str, int]] = frozenset()  # an article starts here (role entries)
    merge: frozenset[tuple[str, int]] = frozenset()
    distinct: frozenset[tuple[str, int]] = frozenset()
    roles: dict[tuple[str, int], str] = field(default_factory=dict)

    def decided(self, file: str, number: int) -> bool:
        """Whether a person decided something about this line."""
        key = (file, number)
        return (
            key in self.roles
            or key in self.chrome
            or key in self.keep
            or key in self.split
            or key in self.starts
            or key in self.merge
            or key in self.distinct
        )


def _sections(path: Path) -> list[tuple[str, Any, yaml.Node]]:
    """Every top-level ``section: value`` of the file, repeated sections included."""
    shown = CORRECTIONS_FILE.as_posix()
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, f"lecture impossible ({exc}).") from None
    try:
        root = yaml.compose(text, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(
            shown, f"YAML invalide : {problem}.", mark.line + 1 if mark else None
        ) from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(shown, "le fichier doit être un dictionnaire de sections.", 1)
    constructor = yaml.SafeLoader("")
    found = []
    for key_node, value_node in root.value:
        value = constructor.construct_document(value_node)
        found.append((str(key_node.value), value, value_node))
    return found


def _validate(section: str, value: Any, node: yaml.Node) -> None:
    validator = jsonschema.Draft202012Validator(load_schema("corrections"))
    problems = sorted(validator.iter_errors({section: value}), key=lambda e: list(map(str, e.path)))
    if problems:
        first = problems[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(racine)"
        path = list(first.absolute_path)[1:]
        raise ConfigError(
            CORRECTIONS_FILE.as_posix(),
            f"valeur invalide à « {where} » : {french_schema_message(first)}",
            line_of(node, path) if path else node.start_mark.line + 1,
        )


def load_corrections(root: Path) -> Corrections:
    path = root / CORRECTIONS_FILE
    if not path.exists():
        return Corrections()
    entries: list[LineEntry] = []
    ignore: list[str] = []
    retitle: dict[str, str] = {}
    themes: dict[str, str] = {}
    for section, value, node in _sections(path):
        _validate(section, value, node)
        if section in LINE_SECTIONS:
            for item, item_node in zip(value or [], node.value, strict=True):
                entries.append(
                    LineEntry(
                        section=section,
                        file=item["file"],
                        line=int(item["line"]),
                        text=item.get("text"),
                        at=item_node.start_mark.line + 1,
                        role=item.get("role", ""),
                        start=item.get("start"),
                    )
                )
        elif section == "ignore":
            ignore.extend(value or [])
        elif section == "retitle":
            retitle.update(value or {})
        elif section == "theme":
            themes.update(value or {})
    return Corrections(
        entries=tuple(entries),
        ignore=frozenset(ignore),
        retitle=retitle,
        themes=themes,
    )


def entry_yaml(section: str, entry: dict[str, Any]) -> str:
    """The text of one entry under its section key, ready to paste into the file."""
    dumped: str = yaml.safe_dump(
        {section: [entry] if section in LINE_SECTIONS else entry},
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return dumped
