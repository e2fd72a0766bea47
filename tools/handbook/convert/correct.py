"""Stage 6, correct: apply the instructors' corrections.

:func:`resolve` runs first, right after ``read``: it finds the line each
line entry of ``sources/corrections.yaml`` means (by its text, the nearest
to its number when the text occurs twice) and reports the entries that
match no line any more. The stages apply the resolved lines: ``label``
(roles, starts), ``chrome``, ``segment`` (starts) and ``dedupe``
(``distinct``).

:func:`apply_to_articles` runs after ``dedupe``: ``ignore`` drops an article
(its lines go to the report, never lost) and ``retitle`` changes a title
(not the slug). Themes are applied by classify.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from ..data.corrections import NOT_CHROME, Corrections, LineEntry
from .model import Article, Dropped, SourceText, Stale


def _same_text(a: str, b: str) -> bool:
    """Texts equal once their runs of spaces are one space (a retyped entry)."""
    return " ".join(a.split()) == " ".join(b.split())


def _find(entry: LineEntry, source: SourceText) -> int | None:
    """The number of the line ``entry`` means in ``source``, or None."""
    if entry.text is None:  # an older entry: the number itself
        if entry.line <= len(source.lines) and not source.lines[entry.line - 1].blank:
            return entry.line
        return None
    if not entry.text.strip():
        return None
    matches = [line.number for line in source.lines if _same_text(line.text, entry.text)]
    if not matches:
        return None
    return min(matches, key=lambda number: (abs(number - entry.line), number))


def _decisions(entry: LineEntry) -> dict[str, object]:
    """What an entry decides about its line: its role, whether an article starts there."""
    decided: dict[str, object] = {}
    if entry.section == "role":
        decided["role"] = entry.role
        if entry.start is not None:
            decided["start"] = entry.start
    elif entry.section == "title":
        decided.update(role="title", start=True)
    elif entry.section == "chrome":
        decided["role"] = "chrome"
    elif entry.section in ("split", "merge"):
        decided["start"] = entry.section == "split"
    else:  # distinct
        decided["distinct"] = True
    return decided


def resolve(
    fixes: Corrections, sources: Iterable[SourceText]
) -> tuple[Corrections, tuple[Stale, ...]]:
    """``fixes`` with the lines its entries mean, and the entries that mean none
    or contradict an earlier entry about the same line (those are not applied).

    An entry about a file that is not among ``sources`` is left aside: an
    import of one file says nothing about the others (``handbook check``
    reports an entry whose file is gone).
    """
    by_path = {source.path: source for source in sources}
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    roles: dict[tuple[str, int], str] = {}
    stale: list[Stale] = []
    said: dict[tuple[str, int], dict[str, tuple[object, LineEntry]]] = {}
    for entry in fixes.entries:
        source = by_path.get(entry.file)
        if source is None:
            continue
        number = _find(entry, source)
        if number is None:
            what = f"« {entry.text.strip()} »" if entry.text else f"la ligne {entry.line}"
            stale.append(Stale(entry, f"{what} ne se trouve plus dans {entry.file}"))
            continue
        key = (entry.file, number)
        earlier = said.setdefault(key, {})
        decided = _decisions(entry)
        clash = next(
            (earlier[k][1] for k, v in decided.items() if k in earlier and earlier[k][0] != v),
            None,
        )
        if clash is not None:
            stale.append(
                Stale(
                    entry,
                    f"elle contredit l'entrée « {clash.section} » de la ligne {clash.at} "
                    f"pour la même ligne de {entry.file}",
                    rule="correction-contradictoire",
                )
            )
            continue
        for k, v in decided.items():
            earlier[k] = (v, entry)
        if entry.section == "role":
            if entry.role == "chrome":
                found["chrome"].add(key)
            elif entry.role == NOT_CHROME:
                found["keep"].add(key)
            else:
                roles[key] = entry.role
            if entry.start is not None:
                # a plain start: the line begins an article but is its title only
                # if its role is « title »
                found["starts" if entry.start else "merge"].add(key)
        elif entry.section == "title":
            roles[key] = "title"
            found["split"].add(key)
        else:
            found[entry.section].add(key)
    resolved = replace(
        fixes,
        chrome=frozenset(found["chrome"]),
        keep=frozenset(found["keep"]),
        split=frozenset(found["split"]),
        starts=frozenset(found["starts"]),
        merge=frozenset(found["merge"]),
        distinct=frozenset(found["distinct"]),
        roles=roles,
    )
    return resolved, tuple(stale)


def apply_to_articles(
    articles: list[Article], fixes: Corrections
) -> tuple[list[Article], list[str], list[Dropped]]:
    """Drop ignored articles (reporting their lines) and retitle others."""
    kept: list[Article] = []
    ignored: list[str] = []
    dropped: list[Dropped] = []
    for article in articles:
        if article.slug in fixes.ignore:
            ignored.append(article.title)
            for occ in article.occurrences:
                dropped.append(
                    Dropped(
                        occ.file,
                        occ.first_line,
                        f"{article.title} (lignes {occ.first_line}-{occ.last_line})",
                        "ignored-by-correction",
                    )
                )
            continue
        if article.slug in fixes.retitle:
            article = replace(article, title=fixes.retitle[article.slug])
        kept.append(article)
    return kept, ignored, dropped
