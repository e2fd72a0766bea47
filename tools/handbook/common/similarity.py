"""Weighted bag-of-words similarity: IDF, cosine, all-pairs scores.

The one home of TF-IDF and cosine, used by segmentation (lexical cohesion
between the text before and after a candidate title) and by the site
(related articles). Vectors are plain ``{term: weight}`` mappings or, when
normalised, ``[(term, weight), …]`` lists.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["all_pairs", "cosine", "smooth_idf", "top_normalised"]


def smooth_idf(document_frequency: int, documents: int) -> float:
    """``log((1 + N) / (1 + df)) + 1``: never zero, defined for unseen terms (``df = 0``)."""
    return math.log((1 + documents) / (1 + document_frequency)) + 1.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def top_normalised(weights: Iterable[tuple[str, float]], size: int) -> list[tuple[str, float]]:
    """The ``size`` heaviest terms (ties by term), scaled to unit length."""
    top = sorted(weights, key=lambda item: (-item[1], item[0]))[:size]
    norm = math.sqrt(sum(w * w for _t, w in top)) or 1.0
    return [(term, w / norm) for term, w in top]


def all_pairs(vectors: Mapping[str, list[tuple[str, float]]]) -> dict[str, dict[str, float]]:
    """Cosine of every pair of unit vectors that share a term, by key.

    Accumulated through an inverted index, so the cost depends on the terms
    the vectors share, not on the square of their number.
    """
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key in sorted(vectors):
        for term, weight in vectors[key]:
            postings[term].append((key, weight))
    scores: dict[str, dict[str, float]] = {}
    for key in sorted(vectors):
        sums: dict[str, float] = defaultdict(float)
        for term, weight in vectors[key]:
            for other, other_weight in postings[term]:
                sums[other] += weight * other_weight
        sums.pop(key, None)
        scores[key] = dict(sums)
    return scores
