"""Measure the glossary's automatic links against a hand-judged sample (part of ``make eval``).

``tests/data/glossary_links.tsv`` holds every occurrence of a glossary form
in the handbook's articles (group ``corpus``), in the unseen-layout pages
of ``tests/data/unseen/`` (group ``unseen``: looked at once the rules were
first measured) and in pages written and judged for this purpose without
seeing the rules or their decisions (``tests/data/links_heldout/``, group
``heldout``: the honest figure), each judged by reading: would a link to the term's
definition be right there, or is it inside a proper name, another sense, or
another word? (``tests/data/GLOSSARY_LINKS.md``).

For each group: the links the first edition made (the first occurrence of
each term in a page, whatever it was) against the links made now (the first
occurrence that no rule rejects), and their precision.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from handbook.commands.links import page_uses
from handbook.data.annotations import read_link_judgements
from handbook.data.glossary import load_glossary
from handbook.data.names import load_proper_names
from handbook.site.glossary_links import TermMatcher

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "glossary_links.tsv"
UNSEEN = ROOT / "tests" / "data" / "unseen"
HELD_OUT = ROOT / "tests" / "data" / "links_heldout"


@dataclass(frozen=True)
class Judged:
    verdict: str  # "ok" or "wrong"
    reason: str  # name, sense, word ("" when ok)


Key = tuple[str, str, str, str]  # page, term, words, sentence


def _sample() -> dict[str, dict[Key, list[Judged]]]:
    found: dict[str, dict[Key, list[Judged]]] = defaultdict(lambda: defaultdict(list))
    for row in read_link_judgements(SAMPLE):
        key = (row["page"], row["term"], row["words"], row["sentence"])
        found[row["group"]][key].append(Judged(row["verdict"], row["reason"]))
    return found


Occurrence = tuple[Key, int, bool]  # key, rank among equal keys, linked now


def _corpus() -> list[Occurrence]:
    out = []
    seen: Counter[Key] = Counter()
    for item in page_uses(ROOT):
        key = (item.page, item.use.term, item.use.words, item.use.sentence)
        out.append((key, seen[key], item.use.linked))
        seen[key] += 1
    return out


def _plain(folder: Path) -> list[Occurrence]:
    """The occurrences in plain-text pages, each line a paragraph."""
    matcher = TermMatcher(load_glossary(ROOT), load_proper_names(ROOT))
    out = []
    for path in sorted(folder.glob("*.txt")):
        page = path.relative_to(ROOT).as_posix()
        linked: set[str] = set()
        seen: Counter[Key] = Counter()
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            for match in matcher.candidates(line, line):
                key = (page, match.term, line[match.start : match.end], " ".join(line.split()))
                now = not match.rule and match.term not in linked
                if now:
                    linked.add(match.term)
                out.append((key, seen[key], now))
                seen[key] += 1
    return out


def _score(
    occurrences: list[Occurrence], judged: dict[Key, list[Judged]]
) -> tuple[Counter[str], Counter[str], int]:
    """Verdicts of the links before (first occurrence per term and page) and now."""
    before: Counter[str] = Counter()
    now: Counter[str] = Counter()
    unjudged = 0
    first: set[tuple[str, str]] = set()
    for key, rank, linked in occurrences:
        verdicts = judged.get(key, [])
        verdict = verdicts[rank] if rank < len(verdicts) else None
        if verdict is None:
            unjudged += 1
            continue
        label = verdict.reason or "ok"
        if (key[0], key[1]) not in first:
            first.add((key[0], key[1]))
            before[label] += 1
        if linked:
            now[label] += 1
    return before, now, unjudged


def _precision(counts: Counter[str]) -> str:
    total = sum(counts.values())
    return f"{counts['ok'] / total:.1%}" if total else "—"


def report() -> str:
    sample = _sample()
    lines = [
        "## Liens automatiques vers le glossaire",
        "",
        "Chaque occurrence d’un terme du glossaire est jugée à la lecture dans "
        "`tests/data/glossary_links.tsv`, dans trois groupes de textes : les articles du "
        "manuel (les données des enseignants — `near`, `skip_in`, noms propres — ont été "
        "écrites en les lisant) ; les pages de `tests/data/unseen/` (regardées après une "
        "première mesure des règles) ; 12 pages de `tests/data/links_heldout/`, écrites et "
        "jugées sans voir les règles ni leurs décisions : la mesure honnête. Un lien vers "
        "la définition y serait-il juste, ou est-il dans un nom propre, dans un autre sens, "
        "sur un autre mot ? Avant : le premier lien de chaque terme par page, quel qu’il "
        "soit (première édition). Maintenant : la première occurrence qu’aucune règle "
        "n’écarte (`tools/handbook/site/glossary_links.py`).",
        "",
        "| occurrences | liens avant | justes | nom propre | autre sens | autre mot "
        "| liens maintenant | justes | nom propre | autre sens | autre mot | non jugées |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for group, name, occurrences in (
        ("corpus", "articles du manuel", _corpus()),
        ("unseen", "pages inédites (regardées)", _plain(UNSEEN)),
        ("heldout", "pages écrites à l’aveugle", _plain(HELD_OUT)),
    ):
        before, now, unjudged = _score(occurrences, sample[group])
        cells = []
        for counts in (before, now):
            cells += [
                str(sum(counts.values())),
                _precision(counts),
                str(counts["name"]),
                str(counts["sense"]),
                str(counts["word"]),
            ]
        lines.append(f"| {name} | {' | '.join(cells)} | {unjudged} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
