"""Evaluate segmentation against the hand-written expectation of the corpus.

Run with ``make eval`` (or ``.venv/bin/python tools/evaluate.py``). Prints
precision and recall of article boundaries (file + first line of every
occurrence), exact-title accuracy of unique articles, and recall of the
dropped lines the expectation lists. It is a measurement, not a test: the
figures are written down in ``docs/fiabilite.md`` when they change.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from handbook.pipeline import analyse, default_sources

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected_articles.yaml"


def _spaces(text: str) -> str:
    """Non-breaking spaces count as spaces when comparing titles."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def main() -> int:
    expected = yaml.safe_load(EXPECTED.read_text("utf-8"))
    result = analyse(default_sources(ROOT), root=ROOT)
    want = {
        (f"sources/{file}", line)
        for article in expected["articles"]
        for file, line in article["occurrences"]
    }
    got = {(s.file, s.first_line) for s in result.segments}
    hits = want & got
    precision = len(hits) / len(got) if got else 0.0
    recall = len(hits) / len(want) if want else 0.0
    titles_want = {_spaces(a["title"]) for a in expected["articles"]}
    titles_got = {_spaces(a.title) for a in result.articles}
    title_hits = titles_want & titles_got
    drops_want = {(f"sources/{f}", n, r) for f, n, r in expected["dropped"]}
    drops_got = {(d.file, d.line, d.reason) for d in result.dropped}
    drop_hits = drops_want & drops_got
    print("Évaluation de la segmentation (corpus réel, attendu écrit à la main)")
    print(f"  occurrences trouvées : {len(got)} (attendues : {len(want)})")
    print(f"  frontières : précision {precision:.3f}, rappel {recall:.3f}")
    print(f"  articles uniques : {len(result.articles)} (attendus : {len(titles_want)})")
    print(f"  titres exacts : {len(title_hits)}/{len(titles_want)}")
    print(f"  lignes écartées attendues retrouvées : {len(drop_hits)}/{len(drops_want)}")
    for file, line in sorted(want - got):
        print(f"  MANQUÉ   {file}:{line}")
    for file, line in sorted(got - want):
        print(f"  EN TROP  {file}:{line}")
    for title in sorted(titles_want - titles_got):
        print(f"  TITRE ATTENDU ABSENT : {title}")
    for file, line, reason in sorted(drops_want - drops_got):
        print(f"  ÉCART NON SIGNALÉ : {file}:{line} ({reason})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
