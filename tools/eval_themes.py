"""Measure the theme classifier's generalisation (a measurement, not a test).

``report(root)`` returns a Markdown section, in French, with:

* the leave-one-out accuracy on the seed articles of the real corpus
  (``tests/data/expected_themes.yaml``): each article is classified by a
  model fitted on the taxonomy, the glossary and the *other* seed articles
  with their hand-judged themes, so it saw neither the article (not even in
  the document frequencies) nor its placement;
* the accuracy on hand-written unseen articles
  (``tests/data/unseen_themes.yaml``, evaluation data only, never training
  data), classified by a model fitted on the taxonomy, the glossary and
  every seed article with its hand-judged theme;
* the same two figures for the taxonomy alone (no placed article), to show
  what the placed articles bring;
* the calibration of ``confidence``: the accuracy among the least confident
  fifth of the placements against the rest, and the mean confidence of the
  right and the wrong placements.

Run with ``.venv/bin/python tools/eval_themes.py``; ``tools/evaluate.py``
writes the section into the tracked results file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from handbook.convert.classify import Example, Model, Text, article_text
from handbook.convert.pipeline import analyse, default_sources
from handbook.data.glossary import load_glossary
from handbook.data.themes import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path("tests/data/expected_themes.yaml")
UNSEEN = Path("tests/data/unseen_themes.yaml")


@dataclass(frozen=True)
class Outcome:
    key: str
    want: str
    got: str
    confidence: float

    @property
    def right(self) -> bool:
        return self.want == self.got


def _seeds(root: Path) -> list[tuple[str, str, Text, str]]:
    """The seed articles: (slug, title, text, hand-judged theme), in corpus order."""
    expected = yaml.safe_load((root / EXPECTED).read_text("utf-8"))
    analysis = analyse(default_sources(root), root=root)
    seeds = []
    for article in analysis.articles:
        if article.slug in expected:
            seeds.append(
                (article.slug, article.title, article_text(article), expected[article.slug][0])
            )
    return seeds


def _unseen(root: Path) -> list[tuple[str, Text, str]]:
    items = yaml.safe_load((root / UNSEEN).read_text("utf-8"))
    return [(item["id"], Text(item["title"], (), item["text"]), item["theme"]) for item in items]


def leave_one_out(root: Path, *, learn: bool = True) -> list[Outcome]:
    themes = load_taxonomy(root)
    glossary = load_glossary(root, {t.id for t in themes})
    seeds = _seeds(root)
    outcomes = []
    for slug, _title, text, want in seeds:
        examples = [Example(s, t, x, w, True) for s, t, x, w in seeds if s != slug] if learn else []
        choice = Model(themes, glossary, examples).classify(text)
        outcomes.append(Outcome(slug, want, choice.id, choice.confidence))
    return outcomes


def unseen(root: Path, *, learn: bool = True) -> list[Outcome]:
    themes = load_taxonomy(root)
    glossary = load_glossary(root, {t.id for t in themes})
    examples = [Example(s, t, x, w, True) for s, t, x, w in _seeds(root)] if learn else []
    model = Model(themes, glossary, examples)
    outcomes = []
    for key, text, want in _unseen(root):
        choice = model.classify(text)
        outcomes.append(Outcome(key, want, choice.id, choice.confidence))
    return outcomes


def _rate(outcomes: list[Outcome]) -> str:
    if not outcomes:
        return "—"
    right = sum(o.right for o in outcomes)
    return f"{right}/{len(outcomes)} ({100 * right / len(outcomes):.0f} %)"


def _mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.2f}" if values else "—"


def calibration(outcomes: list[Outcome]) -> tuple[list[Outcome], list[Outcome]]:
    """The least confident fifth (at least one) and the rest, ties broken by key."""
    ranked = sorted(outcomes, key=lambda o: (o.confidence, o.key))
    fifth = max(1, round(len(ranked) / 5))
    return ranked[:fifth], ranked[fifth:]


def report(root: Path = ROOT) -> str:
    loo = leave_one_out(root)
    new = unseen(root)
    loo_prior = leave_one_out(root, learn=False)
    new_prior = unseen(root, learn=False)
    lines = [
        "## Classement par thème",
        "",
        "Mesures du classement automatique (tools/eval_themes.py). Les thèmes attendus "
        "sont écrits à la main : tests/data/expected_themes.yaml pour les articles du "
        "corpus réel, tests/data/unseen_themes.yaml pour des articles inédits écrits pour "
        "l'évaluation (jamais appris). Les mots-clés des thèmes ont été écrits en lisant les "
        "articles du corpus : la validation croisée reste donc un peu optimiste.",
        "",
        "| Mesure | Avec les articles placés | Thèmes seuls |",
        "| --- | --- | --- |",
        f"| Validation croisée « un contre tous » (corpus réel) | {_rate(loo)} | "
        f"{_rate(loo_prior)} |",
        f"| Articles inédits | {_rate(new)} | {_rate(new_prior)} |",
        "",
        "### Confiance",
        "",
        "| Ensemble | Cinquième le moins sûr | Le reste | Confiance moyenne (justes) "
        "| Confiance moyenne (erreurs) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, outcomes in (
        ("Corpus réel (un contre tous)", loo),
        ("Articles inédits", new),
        ("Les deux", loo + new),
    ):
        low, rest = calibration(outcomes)
        lines.append(
            f"| {name} | {_rate(low)} | {_rate(rest)} "
            f"| {_mean([o.confidence for o in outcomes if o.right])} "
            f"| {_mean([o.confidence for o in outcomes if not o.right])} |"
        )
    wrong = [o for o in loo + new if not o.right]
    if wrong:
        lines += ["", "### Erreurs", ""]
        for outcome in wrong:
            lines.append(
                f"- `{outcome.key}` : {outcome.got} au lieu de {outcome.want} "
                f"(confiance {outcome.confidence:.2f})"
            )
    return "\n".join(lines) + "\n"


def main() -> int:
    print(report(ROOT), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
