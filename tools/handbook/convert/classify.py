"""Stage 5, classify: assign each article to a course theme, with reasons.

Explainable and deterministic: each theme of ``docs/_data/themes.yaml``
lists weighted keywords. Title and body are reduced to French stems with
accents folded (snowballstemmer), so ``données personnelles`` matches
``donnee personnelle``. A keyword found in the title counts three times its
weight, each occurrence in the body once (at most five occurrences per
keyword, so one repeated word cannot decide alone). The best score wins;
ties go to the theme listed first. No network, no model.

A theme chosen by a person always wins: the ``theme`` map of
``sources/corrections.yaml``, or the ``theme`` of a page edited by hand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ..data.themes import Theme
from . import shapes
from .model import Article, ThemeChoice

MANUAL_PAGE_REASON = "thème choisi à la main dans la page"
MANUAL_CORRECTION_REASON = "thème imposé dans sources/corrections.yaml"
TITLE_FACTOR = 3
BODY_CAP = 5


def _count(stems: list[str], index: dict[str, list[int]], phrase: tuple[str, ...]) -> int:
    count = 0
    for position in index.get(phrase[0], ()):
        if tuple(stems[position : position + len(phrase)]) == phrase:
            count += 1
    return count


def _index(stems: list[str]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, stem in enumerate(stems):
        index[stem].append(position)
    return index


def classify_text(title: str, body: str, themes: tuple[Theme, ...]) -> ThemeChoice | None:
    title_stems, body_stems = shapes.stems(title), shapes.stems(body)
    title_index, body_index = _index(title_stems), _index(body_stems)
    scored: list[tuple[float, int, Theme, list[str]]] = []
    for order, theme in enumerate(themes):
        score = 0.0
        reasons: list[tuple[float, str]] = []
        for keyword in theme.keywords:
            in_title = _count(title_stems, title_index, keyword.stems)
            in_body = min(_count(body_stems, body_index, keyword.stems), BODY_CAP)
            if not in_title and not in_body:
                continue
            points = keyword.weight * (TITLE_FACTOR * in_title + in_body)
            score += points
            where = []
            if in_title:
                where.append("dans le titre")
            if in_body:
                where.append(
                    f"{in_body} fois dans le texte" if in_body > 1 else "1 fois dans le texte"
                )
            reasons.append((points, f"« {keyword.term} » {' et '.join(where)} (+{points:g})"))
        reasons.sort(key=lambda r: (-r[0], r[1]))
        scored.append((score, order, theme, [text for _points, text in reasons[:6]]))
    scored.sort(key=lambda item: (-item[0], item[1]))
    best_score, _order, best, best_reasons = scored[0]
    if best_score <= 0:
        return None
    runner = scored[1] if len(scored) > 1 and scored[1][0] > 0 else None
    return ThemeChoice(
        id=best.id,
        title=best.title,
        score=best_score,
        reasons=tuple(best_reasons),
        runner_up=(runner[2].id, runner[0]) if runner else None,
        source="auto",
    )


def manual_choice(theme_id: str, themes: tuple[Theme, ...], why: str) -> ThemeChoice | None:
    theme = next((t for t in themes if t.id == theme_id), None)
    if theme is None:
        return None
    return ThemeChoice(theme.id, theme.title, 0.0, (why,), None, "manual")


def classify_articles(
    articles: list[Article],
    themes: tuple[Theme, ...],
    overrides: dict[str, str],
    manual_pages: dict[str, str],
) -> list[Article]:
    """Classify every article; ``overrides`` (corrections) and ``manual_pages``
    (themes set by hand in edited pages), both by slug, win over the classifier."""
    result = []
    for article in articles:
        choice = None
        if article.slug in overrides:
            choice = manual_choice(overrides[article.slug], themes, MANUAL_CORRECTION_REASON)
        if choice is None:
            body = "\n".join(line.text for line in article.body)
            choice = classify_text(article.title, body, themes)
            chosen = manual_pages.get(article.slug)
            # A page's theme is a person's choice only where it differs from the classifier's.
            if chosen and (choice is None or chosen != choice.id):
                choice = manual_choice(chosen, themes, MANUAL_PAGE_REASON) or choice
        result.append(replace(article, theme=choice))
    return result
