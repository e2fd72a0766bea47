"""Stage 6, correct: apply the instructors' article-level corrections.

``ignore`` drops an article (its lines go to the report, never lost) and
``retitle`` changes a title (not the slug). Line-level corrections (chrome,
split, merge) are applied by the segment stage, themes by classify.
"""

from __future__ import annotations

from dataclasses import replace

from ..data.corrections import Corrections
from .model import Article, Dropped


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
