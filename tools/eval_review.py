"""Measure ``handbook review`` on annotated pages it was not fitted on (part of ``make eval``).

For each annotated dump, a line-role model is trained without it (the five
dumps: leave-one-source-out; the unseen-layout pages: leave-one-page-out),
the whole converter runs on it with that model, and its decisions are
compared with the annotations (``tests/data/ROLES.md``):

* boundaries: lines where the converter starts an article and the
  annotation does not, or the reverse;
* titles: lines the converter takes for an article's title and the
  annotation does not, or the reverse;
* headings: lines where the converter's heading (or its level) differs;
* other roles: any other line whose role differs (lines dropped by a site
  profile or a repetition rule are left out: rules, not the model, decided).

A wrong boundary or title is *caught* when the review lists an item within
two lines of it (as the held-back check counts them); a wrong heading or
role when it lists an item on that line. The list's length is counted in
items per 10 non-blank lines, every kind included.

The listing thresholds are chosen on the five dumps (the highest recall
with at most one item per 10 lines) and then measured on the unseen pages,
which took no part in the choice.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from handbook.convert.chrome import MODEL_RULE
from handbook.convert.label import HEADINGS, Example, examples, train
from handbook.convert.model import Analysis
from handbook.convert.pipeline import full_analysis
from handbook.convert.plan import PagePlan
from handbook.convert.review import Limits, ReviewItem, review_items
from handbook.data.annotations import NOT_TEXT, Row, annotated_files

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
ROLE_GRID = (0.2, 0.3, 0.5)
TARGET = 0.8  # share of the wrong boundaries, titles and headings the list should hold
BUDGET = 1.0  # the aim: items per 10 non-blank lines
NEAR = 2  # lines: a boundary or title item this close catches the mistake
CATEGORIES = ("boundary", "title", "heading", "role")
SHAPING = ("boundary", "title", "heading")
CATEGORY_NAMES = {
    "boundary": "débuts d’article",
    "title": "titres",
    "heading": "intertitres",
    "role": "autres rôles",
}


@dataclass(frozen=True)
class Run:
    """One held-out dump: its wrong decisions, and what the review sees of it."""

    name: str
    lines: int
    wrong: tuple[tuple[str, int], ...]  # (category, line)
    analysis: Analysis
    plan: PagePlan

    def items(self, limits: Limits) -> list[ReviewItem]:
        return review_items(self.analysis, self.plan, limits)


def _wrong(rows: Sequence[Row], analysis: Analysis, path: str) -> list[tuple[str, int]]:
    segments = [s for s in analysis.segments if s.file == path]
    starts = set()
    for segment in segments:
        if segment.title_line is not None:
            starts.add(segment.title_line)
        elif segment.body:
            starts.add(min(line.number for line in segment.body))
    titles = {s.title_line for s in segments if s.title_line is not None}
    dropped = {d.line: d for d in analysis.dropped if d.file == path}
    source = next(s for s in analysis.sources if s.path == path)
    roles = {line.number: line.role for line in source.lines}
    wrong = []
    for row in rows:
        if row.start != (row.line in starts):
            wrong.append(("boundary", row.line))
        if (row.role == "title") != (row.line in titles):
            wrong.append(("title", row.line))
        if row.role == "title" or row.line in titles:
            continue
        gone = dropped.get(row.line)
        if gone is not None and gone.reason != "site-chrome":
            continue  # a repetition rule decided
        if gone is not None and gone.rule != MODEL_RULE:
            continue  # a site profile decided
        got = "chrome" if gone is not None else roles.get(row.line, "")
        if row.role in NOT_TEXT and got in NOT_TEXT:
            continue
        if got != row.role:
            heading = row.role in HEADINGS or got in HEADINGS
            wrong.append(("heading" if heading else "role", row.line))
    return wrong


def _held_out(found: list[Example], held: Example, rows: Sequence[Row], path: Path) -> Run:
    with tempfile.TemporaryDirectory() as folder:
        model = Path(folder) / "model.crfsuite"
        train(((e.xseq, e.yseq) for e in found if e is not held), model)
        analysis, plan, _ignored = full_analysis([path], ROOT, model=model)
    shown = path.relative_to(ROOT).as_posix()
    return Run(held.name, len(rows), tuple(_wrong(rows, analysis, shown)), analysis, plan)


def runs(group: str) -> list[Run]:
    found = examples(ROOT, DATA)
    annotated = {a.name: a for a in annotated_files(DATA, ROOT / "sources")}
    return [
        _held_out(found, e, annotated[e.name].rows, annotated[e.name].text_path)
        for e in found
        if e.group == group
    ]


@dataclass(frozen=True)
class Score:
    wrong: dict[str, int]
    caught: dict[str, int]  # wrong decisions the list holds
    items: int
    lines: int
    pointed: int  # items on (or near) a wrong decision

    @property
    def recall(self) -> float:
        """Share of the wrong boundaries, titles and headings the list holds."""
        total = sum(self.wrong[c] for c in SHAPING)
        return sum(self.caught[c] for c in SHAPING) / total if total else 1.0

    @property
    def recall_all(self) -> float:
        total = sum(self.wrong.values())
        return sum(self.caught.values()) / total if total else 1.0

    @property
    def per_ten(self) -> float:
        return 10 * self.items / self.lines if self.lines else 0.0


def score(found: list[Run], limits: Limits) -> Score:
    wrong = dict.fromkeys(CATEGORIES, 0)
    caught = dict.fromkeys(CATEGORIES, 0)
    items = lines = pointed = 0
    for run in found:
        shown = run.items(limits)
        items += len(shown)
        lines += run.lines
        at = [item.line for item in shown]
        for category, line in run.wrong:
            wrong[category] += 1
            near = NEAR if category in ("boundary", "title") else 0
            if any(abs(line - n) <= near for n in at):
                caught[category] += 1
        bad = [line for _c, line in run.wrong]
        pointed += sum(1 for n in at if any(abs(n - b) <= NEAR for b in bad))
    return Score(wrong, caught, items, lines, pointed)


def choose(found: list[Run]) -> Limits:
    """The shortest list that holds at least ``TARGET`` of the wrong boundaries,
    titles and headings of ``found`` (or, if none does, the one that holds most)."""
    best: tuple[bool, float, float] | None = None
    chosen = Limits()
    for structure in GRID:
        for boundary in GRID:
            for role in ROLE_GRID:
                limits = replace(Limits(), structure=structure, boundary=boundary, role=role)
                result = score(found, limits)
                key = (result.recall >= TARGET, -result.per_ten, result.recall)
                if not key[0]:
                    key = (False, result.recall, -result.per_ten)
                if best is None or key > best:
                    best, chosen = key, limits
    return chosen


def _row(name: str, result: Score) -> str:
    cells = []
    for category in CATEGORIES:
        total = result.wrong[category]
        cells.append(f"{result.caught[category]}/{total}" if total else "—")
    share = result.pointed / result.items if result.items else 0.0
    return (
        f"| {name} | {' | '.join(cells)} | {result.recall:.0%} | {result.recall_all:.0%} "
        f"| {result.items} | {result.per_ten:.2f} | {share:.0%} |"
    )


def _floor(dumps: Score, pages: Score) -> str:
    """Why the length aim (one item per 10 lines) cannot hold with this many mistakes."""

    def rate(result: Score) -> float:
        return 10 * sum(result.wrong[c] for c in SHAPING) / result.lines

    return (
        f"L’objectif d’au plus {BUDGET:g} élément par 10 lignes n’est pas tenu, et ne peut "
        f"pas l’être avec ce modèle : sur des fichiers qu’il n’a pas appris, il se trompe "
        f"déjà sur {rate(dumps):.2f} (dumps) et {rate(pages):.2f} (pages inédites) débuts, "
        "titres ou intertitres par 10 lignes ; une liste qui les contiendrait tous, sans un "
        "seul élément de trop, serait presque aussi longue (un élément peut couvrir un début "
        "et un titre sur la même ligne). Les seuils privilégient le rappel : mieux vaut une "
        "liste un peu longue, triée par doute, qu’une erreur jamais montrée. Pour la "
        "raccourcir, il faut un modèle qui se trompe moins : annoter une page de chaque "
        "nouvelle mise en page (CONTRIBUTING)."
    )


def _limits(limits: Limits) -> str:
    return (
        f"titres, intertitres et décor {limits.structure:g}, débuts d’article "
        f"{limits.boundary:g}, autres rôles {limits.role:g}, doublons {limits.duplicate:g}, "
        f"thèmes {limits.theme:g}"
    )


def report() -> str:
    dumps = runs("corpus")
    pages = runs("unseen")
    chosen = choose(dumps)
    shipped = Limits()
    header = (
        "| fichiers | "
        + " | ".join(CATEGORY_NAMES[c] for c in CATEGORIES)
        + " | rappel (débuts, titres, intertitres) | rappel (tout) | éléments "
        "| par 10 lignes | utiles |"
    )
    rule = "|---|" + "---|" * (len(CATEGORIES) + 6)
    lines = [
        "## Décisions à relire (`handbook review`)",
        "",
        "Chaque fichier annoté est converti avec un modèle des rôles de ligne entraîné "
        "sans lui ; ses décisions fausses (d’après les annotations) sont cherchées dans "
        "la liste de `handbook review`. Une erreur de début d’article ou de titre est "
        f"trouvée si un élément de la liste est à {NEAR} lignes ou moins ; une erreur "
        "d’intertitre ou d’autre rôle, s’il est sur la ligne. Longueur : éléments par "
        "10 lignes non vides, tous genres compris. « Utiles » : part des éléments à "
        f"{NEAR} lignes ou moins d’une erreur.",
        "",
        f"Seuils de listage choisis sur les 5 dumps (la liste la plus courte qui contient "
        f"au moins {TARGET:.0%} des débuts, titres et intertitres faux) : {_limits(chosen)}. "
        f"Seuils du code (`convert/review.py`) : {_limits(shipped)}.",
        "",
        header,
        rule,
        _row("5 dumps (choix des seuils)", score(dumps, shipped)),
        _row(f"{len(pages)} pages inédites (mesure)", score(pages, shipped)),
        "",
        _floor(score(dumps, shipped), score(pages, shipped)),
        "",
        "Le compromis, sur les pages inédites, en faisant varier le seuil des titres, "
        "intertitres et décor (les autres seuils du code inchangés) :",
        "",
        "| seuil | rappel (débuts, titres, intertitres) | par 10 lignes |",
        "|---|---|---|",
    ]
    for value in GRID:
        result = score(pages, replace(shipped, structure=value))
        lines.append(f"| {value:g} | {result.recall:.0%} | {result.per_ten:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
