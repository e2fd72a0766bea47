"""Property: on generated dumps, every non-blank line lands in exactly one place.

A place is an article page (title or body), a duplicate occurrence of a
kept article, or the dropped report with a reason. Dumps mix French-like
sentences, titles (some repeated), bullets, chrome, feed footers and copies
of whole articles, as the real dumps do.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.convert.pipeline import analyse, ledger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
settings.register_profile(
    "default",
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")

WORDS = [
    "communication",
    "publique",
    "numérique",
    "territoire",
    "habitants",
    "données",
    "réseaux",
    "sociaux",
    "stratégie",
    "médiation",
    "inclusion",
    "étudiants",
    "licence",
    "crise",
    "collectivité",
    "élus",
    "citoyens",
    "outils",
    "projet",
    "accompagnement",
    "formation",
    "professionnels",
    "associations",
    "plateforme",
    "usagers",
    "services",
]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=6, max_size=22).map(
    lambda ws: ws[0].capitalize() + " " + " ".join(ws[1:]) + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
title = st.lists(word, min_size=3, max_size=9).map(
    lambda ws: ws[0].capitalize() + " " + " ".join(ws[1:])
)
bullets = st.lists(
    st.lists(word, min_size=2, max_size=6).map(lambda ws: "  • " + " ".join(ws)),
    min_size=1,
    max_size=4,
).map("\n".join)
chrome = st.sampled_from(
    ["[En construction]", "Accéder à l'intégralité du contenu", "Image d'en tête - Site"]
)


@st.composite
def article(draw) -> list[str]:
    head = draw(title)
    parts = [head]
    if draw(st.booleans()):
        parts.append(head)  # title repeated on the next line
    for _ in range(draw(st.integers(1, 5))):
        parts.append(draw(st.one_of(paragraph, paragraph, bullets, title)))
    return parts


@st.composite
def dumps(draw) -> list[str]:
    pool = draw(st.lists(article(), min_size=1, max_size=5))
    files = []
    for _ in range(draw(st.integers(1, 3))):
        blocks: list[str] = []
        if draw(st.booleans()):
            blocks.append(draw(chrome))
        for index in draw(st.lists(st.integers(0, len(pool) - 1), min_size=1, max_size=5)):
            parts = pool[index]
            if draw(st.booleans()):
                parts = parts[: max(2, len(parts) - 1)]  # a copy cut short
            blocks.extend(parts)
            if draw(st.integers(0, 4)) == 0:
                blocks.append(draw(chrome))
        files.append("\n\n".join(blocks) + "\n")
    if draw(st.booleans()):  # a feed file
        items = []
        for parts in pool[:3]:
            items.append("\n\n".join(parts[1:] or ["Texte."]))
            items.append(
                f"L’article {parts[0]} est apparu en premier sur Un site.\n\n\nAccéder à l'intégralité du contenu"
            )
        files.append("\n\n".join(items) + "\n")
    return files


@settings(settings.get_profile(PROFILE))
@given(dumps())
def test_every_line_is_placed_exactly_once(tmp_path_factory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("dumps")
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"dump-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    result = analyse(paths, root=ROOT)
    places = ledger(result)  # raises if a line is placed twice
    lost = [key for key, where in places.items() if where == "lost"]
    assert lost == []
    non_blank = sum(1 for text in texts for line in text.split("\n") if line.strip())
    assert len(places) == non_blank
    slugs = [a.slug for a in result.articles]
    assert len(slugs) == len(set(slugs))
