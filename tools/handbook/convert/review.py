"""The decisions worth an instructor's look, most doubtful first.

Not a stage: it reads what the stages decided and how sure they were —
the line-role model's probabilities (``label``), the matches of ``dedupe``
and the classifier's ``confidence`` — and lists each doubtful decision with
its runner-up and the exact entry of ``sources/corrections.yaml`` that makes
the runner-up win. A decision a person already made (a correction) is never
listed. The thresholds below are fixed by ``make eval`` (``tools/eval_review.py``):
chosen on the five dumps, each labelled by a model trained without it, and
measured on the unseen-layout pages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from ..data.corrections import entry_yaml
from .chrome import MODEL_RULE
from .classify import LOW_CONFIDENCE
from .dedupe import match_confidence
from .label import HEADINGS
from .model import Analysis, Article, LineLabel, Segment, SourceText
from .plan import PagePlan

#: a line's role is listed when the model gives it less than this probability:
#: titles, headings and site chrome (they shape the page or remove text) …
STRUCTURE_BELOW = 0.9
#: … and the other roles (a caption taken for a paragraph, a list item…)
ROLE_BELOW = 0.5
#: an article start (or its absence) is listed below this probability
BOUNDARY_BELOW = 0.5
#: a duplicate match is listed below this confidence (0 at the matching threshold)
DUPLICATE_BELOW = 0.5
#: a theme is listed below the classifier's own « peu sûr » confidence
THEME_BELOW = LOW_CONFIDENCE
#: below this confidence, the report page calls a decision « très incertaine »
VERY_DOUBTFUL = 0.25


@dataclass(frozen=True)
class Limits:
    """Below which confidence each kind of decision is listed (``make eval`` sweeps them)."""

    structure: float = STRUCTURE_BELOW
    role: float = ROLE_BELOW
    boundary: float = BOUNDARY_BELOW
    duplicate: float = DUPLICATE_BELOW
    theme: float = THEME_BELOW


#: every decision, whatever its confidence (for the evaluation)
EVERYTHING = Limits(1.01, 1.01, 1.01, 1.01, 1.01)

#: the weight a reason of the classifier ends with, « (+1.4) »
WEIGHT = re.compile(r" \(\+[\d.]+\)")

KINDS = ("boundary", "title", "role", "chrome", "duplicate", "theme")
KIND_NAMES = {
    "boundary": "début d'article",
    "title": "titre",
    "role": "rôle de ligne",
    "chrome": "décor du site",
    "duplicate": "doublon",
    "theme": "thème",
}
ROLE_NAMES = {
    "title": "titre d'article",
    "heading2": "intertitre (niveau 2)",
    "heading3": "intertitre (niveau 3)",
    "heading4": "intertitre (niveau 4)",
    "paragraph": "paragraphe",
    "list_item": "élément de liste",
    "quote": "citation",
    "attribution": "auteur d'une citation",
    "caption": "légende",
    "credit": "crédit photo",
    "byline": "signature",
    "date": "date",
    "see_also_label": "titre d'un bloc « Voir aussi »",
    "see_also": "lien d'un bloc « Voir aussi »",
    "question": "question d'entretien",
    "answer": "réponse d'entretien",
    "fact": "ligne de fiche pratique",
    "timetable": "ligne de programme horaire",
    "chrome": "décor du site (écartée)",
    "repeat": "ligne répétée",
}


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    file: str
    line: int
    text: str
    decision: str
    alternative: str
    confidence: float
    why: str
    correction: str
    article: str = ""  # the slug of the article the line belongs to ("" outside any)
    article_title: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file,
            "line": self.line,
            "text": self.text,
            "decision": self.decision,
            "alternative": self.alternative,
            "confidence": self.confidence,
            "why": self.why,
            "correction": self.correction,
            "article": self.article or None,
            "article_title": self.article_title or None,
        }


def _percent(p: float) -> str:
    return f"{round(p * 100)} %"


def _place(file: str, number: int, text: str) -> dict[str, Any]:
    return {"file": file, "line": number, "text": text.strip()}


class _Articles:
    """Which article a source line belongs to (by the occurrences' line ranges)."""

    def __init__(self, articles: tuple[Article, ...] | list[Article]) -> None:
        self.ranges: dict[str, list[tuple[int, int, Article]]] = {}
        for article in articles:
            for occ in article.occurrences:
                self.ranges.setdefault(occ.file, []).append(
                    (occ.first_line, occ.last_line, article)
                )
        for ranges in self.ranges.values():
            ranges.sort(key=lambda r: (r[0], r[1]))
        self.firsts = {f: [r[0] for r in ranges] for f, ranges in self.ranges.items()}

    def at(self, file: str, number: int) -> Article | None:
        ranges = self.ranges.get(file, [])
        index = bisect.bisect_right(self.firsts.get(file, []), number) - 1
        if index >= 0 and ranges[index][0] <= number <= ranges[index][1]:
            return ranges[index][2]
        return None


def review_items(analysis: Analysis, plan: PagePlan, limits: Limits = Limits()) -> list[ReviewItem]:
    """Every doubtful decision of an import, most doubtful first."""
    fixes = analysis.corrections
    owner = _Articles(plan.articles)
    # the lines of copies the handbook does not show (duplicates, ignored
    # articles): a role decided there changes no page
    shown = {a.kept for a in plan.articles}
    unseen = {
        (s.file, number)
        for s in analysis.segments
        if s.occurrence not in shown
        for number in [*(line.number for line in s.body), *([s.title_line] if s.title_line else [])]
    }
    dropped = {(d.file, d.line): d for d in analysis.dropped}
    rule_titles = {
        (s.file, s.title_line)
        for s in analysis.segments
        if s.title_line is not None and analysis.modes.get(s.file) != "blog"
    }
    items: list[ReviewItem] = []
    for source in analysis.sources:
        labels = {item.number: item for item in analysis.labels.get(source.path, ())}
        blog = analysis.modes.get(source.path) == "blog"
        # the first line of text kept (a rule starts an article there)
        first_text = next(
            (
                line.number
                for line in source.lines
                if not line.blank and (source.path, line.number) not in dropped
            ),
            None,
        )
        for line in source.lines:
            decided = labels.get(line.number)
            key = (source.path, line.number)
            if decided is None or fixes.decided(*key):
                continue
            gone = dropped.get(key)
            if gone is not None and gone.rule != MODEL_RULE:
                continue  # a rule decided (profile, repeated title, feed footer…)
            if key in rule_titles:
                continue  # a page's title, found by its HTML title line
            role = "chrome" if gone is not None else line.role
            item = None
            # a rule of the chrome stage overrode the model (a category line is a tag)
            ruled = gone is None and line.role != decided.role
            if key not in unseen and not ruled:
                item = _role_item(source, line.number, role, decided, blog, limits)
            if item is not None:
                items.append(item)
            if item is not None and item.kind == "title":
                continue  # its correction says whether an article starts here too
            if blog and gone is None and line.number != first_text:
                item = _boundary_item(
                    source, line.number, line.role, line.starts, decided, limits.boundary
                )
                if item is not None:
                    items.append(item)
    items += _duplicate_items(analysis, limits.duplicate)
    items += _theme_items(plan, limits.theme)
    placed = []
    for item in items:
        article = owner.at(item.file, item.line)
        if item.kind == "theme" or article is None:
            placed.append(item)
            continue
        placed.append(
            ReviewItem(**{**item.__dict__, "article": article.slug, "article_title": article.title})
        )
    return sorted(placed, key=lambda i: (i.confidence, i.file, i.line, KINDS.index(i.kind)))


def _role_item(
    source: SourceText, number: int, role: str, decided: LineLabel, blog: bool, limits: Limits
) -> ReviewItem | None:
    probability = decided.role_probability(role)
    if probability >= max(limits.structure, limits.role):
        return None
    # the runner-up a person could choose (in a page or a feed, titles come from rules)
    choices = [r for r, _p in decided.roles if r != role and r != "repeat"]
    if not blog:
        choices = [r for r in choices if r != "title"]
    if not choices:
        return None
    alternative = choices[0]
    text = source.lines[number - 1].text
    kind = "role"
    if "title" in (role, alternative):
        kind = "title"
    elif "chrome" in (role, alternative):
        kind = "chrome"
    shaping = kind != "role" or role in HEADINGS or alternative in HEADINGS
    if probability >= (limits.structure if shaping else limits.role):
        return None
    place = _place(source.path, number, text)
    if alternative == "title":
        correction = entry_yaml("title", place)
    else:
        entry: dict[str, Any] = {**place, "role": alternative}
        if role == "title" and decided.start and not decided.alternative.startswith("B-"):
            # a title that is not one: the article does not start here either,
            # unless the model's runner-up says it does
            entry["start"] = False
        correction = entry_yaml("role", entry)
    shares = ", ".join(f"{ROLE_NAMES.get(r, r)} {_percent(p)}" for r, p in decided.roles[:3])
    why = f"Le modèle des rôles de ligne hésite : {shares}."
    if role == "chrome":
        why += " La ligne est dans le rapport des lignes écartées."
    elif role in HEADINGS or role == "title":
        why += " Un intertitre ou un titre mal placé change le plan de la page."
    return ReviewItem(
        kind=kind,
        file=source.path,
        line=number,
        text=text,
        decision=ROLE_NAMES.get(role, role),
        alternative=ROLE_NAMES.get(alternative, alternative),
        confidence=round(probability, 4),
        why=why,
        correction=correction,
    )


def _boundary_item(
    source: SourceText, number: int, role: str, starts: bool, decided: LineLabel, below: float
) -> ReviewItem | None:
    probability = decided.start_probability
    confidence = probability if starts else 1 - probability
    if confidence >= below:
        return None
    text = source.lines[number - 1].text
    place = _place(source.path, number, text)
    if starts:
        decision = "un nouvel article commence à cette ligne"
        alternative = "l'article précédent continue"
        correction = entry_yaml("merge", place)
    else:
        decision = "l'article continue"
        alternative = "un nouvel article commence à cette ligne"
        if role == "title" or role in HEADINGS:
            alternative += " (elle en est le titre)"
            correction = entry_yaml("split", place)
        else:
            correction = entry_yaml("role", {**place, "role": role, "start": True})
    why = (
        f"Probabilité qu'un article commence ici : {_percent(probability)} "
        "(modèle des rôles de ligne). Un début manqué colle deux articles, "
        "un début de trop en coupe un."
    )
    return ReviewItem(
        kind="boundary",
        file=source.path,
        line=number,
        text=text,
        decision=decision,
        alternative=alternative,
        confidence=round(confidence, 4),
        why=why,
        correction=correction,
    )


def _duplicate_items(analysis: Analysis, below: float) -> list[ReviewItem]:
    by_start: dict[tuple[str, int], Segment] = {
        (s.file, s.first_line): s for s in analysis.segments
    }
    kept_of = {}
    for article in analysis.articles:
        kept_segment = by_start.get((article.kept.file, article.kept.first_line))
        for occ in article.occurrences:
            kept_of[(occ.file, occ.first_line)] = kept_segment
    items = []
    for dropped in analysis.dropped:
        if dropped.reason != "duplicate-occurrence":
            continue
        copy = by_start.get((dropped.file, dropped.line))
        kept = kept_of.get((dropped.file, dropped.line))
        if copy is None or kept is None:
            continue
        confidence = match_confidence(kept, copy)
        if confidence >= below:
            continue
        number = copy.title_line or copy.first_line
        text = next(
            (
                line.text
                for source in analysis.sources
                if source.path == copy.file
                for line in source.lines[number - 1 : number]
            ),
            copy.title,
        )
        items.append(
            ReviewItem(
                kind="duplicate",
                file=copy.file,
                line=number,
                text=text,
                decision=f"copie de « {kept.title} » ({kept.file}:{kept.first_line}), écartée",
                alternative="un article distinct, avec sa propre page",
                confidence=confidence,
                why=(
                    "Les titres ou les débuts de texte se ressemblent juste assez pour "
                    "être pris pour le même article ; toutes ses lignes sont aussi dans "
                    "la version gardée."
                ),
                correction=entry_yaml("distinct", _place(copy.file, number, text)),
            )
        )
    return items


def _theme_items(plan: PagePlan, below: float) -> list[ReviewItem]:
    items = []
    for article in plan.articles:
        choice = article.theme
        if choice is None or choice.source != "auto" or choice.confidence >= below:
            continue
        if choice.runner_up is None:
            continue  # a taxonomy of one theme
        runner_up = choice.runner_up[0]
        # the weights change with every page placed elsewhere: left to « handbook explain »
        reasons = "; ".join(WEIGHT.sub("", reason) for reason in choice.reasons[:2])
        items.append(
            ReviewItem(
                kind="theme",
                file=article.kept.file,
                line=article.kept.first_line,
                text=article.title,
                decision=f"thème « {choice.title} » ({choice.id})",
                alternative=f"thème {runner_up}",
                confidence=round(choice.confidence, 4),
                why=(
                    f"Le second thème est presque aussi proche (« handbook explain "
                    f"{article.slug} » donne les scores). Indices : {reasons}."
                ),
                correction=entry_yaml("theme", {article.slug: runner_up}),
                article=article.slug,
                article_title=article.title,
            )
        )
    return items


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------


def doubt(confidence: float) -> str:
    """A coarse French word for a confidence (the report page changes less often)."""
    return "très incertaine" if confidence < VERY_DOUBTFUL else "incertaine"


def grouped(items: list[ReviewItem]) -> list[tuple[str, str, list[ReviewItem]]]:
    """Items by article (slug, title), the article with the most doubtful item first."""
    groups: dict[str, tuple[str, list[ReviewItem]]] = {}
    for item in items:  # already most doubtful first
        title = item.article_title or "Hors de tout article"
        groups.setdefault(item.article, (title, []))[1].append(item)
    return [(slug, title, found) for slug, (title, found) in groups.items()]


def format_text(items: list[ReviewItem]) -> str:
    """The review in readable French, grouped by article."""
    if not items:
        return "Aucune décision à relire : le convertisseur n'a hésité nulle part.\n"
    out = [
        f"{len(items)} décision(s) à relire, les plus incertaines d'abord. Pour corriger, "
        "collez l'entrée proposée (sans rien changer, lignes non décalées) à la fin de "
        "sources/corrections.yaml, puis relancez make import.",
    ]
    for slug, title, found in grouped(items):
        out += ["", f"Article « {title} »" + (f" (docs/articles/{slug}.md)" if slug else "")]
        for item in found:
            out += [
                f"  {item.file}:{item.line} · {KIND_NAMES[item.kind]} · "
                f"confiance {_percent(item.confidence)}",
                f"    « {item.text.strip()} »",
                f"    Décision : {item.decision}. Autre possibilité : {item.alternative}.",
                f"    Pourquoi : {item.why}",
                "    Entrée à coller telle quelle à la fin de sources/corrections.yaml :",
                "",
                *item.correction.splitlines(),
                "",
            ]
    return "\n".join(out) + "\n"
