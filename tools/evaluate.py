"""Evaluate the converter against hand-written expectations (``make eval``).

Prints, and writes to the tracked results file ``eval/RESULTS.md``:

* the line-role model on data it was not fitted on (``tools/eval_roles.py``);
* ``handbook review``: how many wrong decisions it lists, and how long the
  list is, on annotated dumps it was not fitted on (``tools/eval_review.py``);
* the glossary's automatic links against a hand-judged sample
  (``tools/eval_links.py``);
* the whole pipeline on the real corpus: precision and recall of article
  boundaries (file + first line of every occurrence), exact titles, dropped
  lines the expectation lists, and themes.

It is a measurement, not a test: nothing here is asserted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from handbook.convert.pipeline import analyse, default_sources

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected_articles.yaml"


def _spaces(text: str) -> str:
    """Non-breaking spaces count as spaces when comparing titles."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


RESULTS = ROOT / "eval" / "RESULTS.md"


def main() -> int:
    import io
    from contextlib import redirect_stdout

    from eval_links import report as links_report
    from eval_review import report as review_report
    from eval_roles import report as roles_report
    from eval_themes import report as themes_report

    roles = roles_report(ROOT)
    print(roles)
    review = review_report()
    print(review)
    themes = themes_report(ROOT)
    print(themes)
    links = links_report()
    print(links)
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        segmentation()
    print(buffer.getvalue())
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        "# Résultats de `make eval`\n\n"
        "Écrit par `tools/evaluate.py` : ne pas modifier à la main.\n\n"
        + roles
        + "\n"
        + review
        + "\n"
        + themes
        + "\n"
        + links
        + "\n## Chaîne complète sur le corpus réel\n\n```text\n"
        + buffer.getvalue()
        + "```\n",
        encoding="utf-8",
    )
    print(f"écrit : {RESULTS.relative_to(ROOT)}")
    return 0


def segmentation() -> None:
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
    evaluate_themes()
    evaluate_synthetic()


def evaluate_themes() -> None:
    from handbook.convert.pipeline import full_analysis

    expected = yaml.safe_load((ROOT / "tests/data/expected_themes.yaml").read_text("utf-8"))
    _analysis, plan, _ignored = full_analysis(default_sources(ROOT), ROOT)
    right = 0
    print("\nÉvaluation des thèmes (attendu écrit à la main, tests/data/expected_themes.yaml)")
    for article in plan.articles:
        want = expected.get(article.slug, [None, ""])[0]
        got = article.theme.id if article.theme else None
        if got == want:
            right += 1
        else:
            print(f"  DIFFÉRENT  {article.slug} : {got} au lieu de {want}")
        margin = ""
        if article.theme and article.theme.runner_up:
            margin = f" (marge {article.theme.score - article.theme.runner_up[1]:g})"
        if (
            article.theme
            and article.theme.runner_up
            and article.theme.score < 2 * article.theme.runner_up[1]
        ):
            print(f"  SERRÉ      {article.slug} : {got}{margin}, 2e {article.theme.runner_up[0]}")
    print(f"  bien classés : {right}/{len(plan.articles)}")


def evaluate_synthetic(articles: int = 50, seed: int = 7) -> None:
    """Exact titles found in a synthetic corpus (bench/synthetic.py), as the tests build it."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from handbook.data.profiles import load_profiles

    from bench import synthetic

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        truth = synthetic.generate(root / "sources", articles, seed)
        paths = sorted((root / "sources").glob("*.txt"))
        profiles = load_profiles(ROOT / "docs/_data/source-profiles.yaml", "profils")
        result = analyse(paths, root=root, profiles=profiles)
    planted = set(truth.titles)
    found = {a.title for a in result.articles}
    print(f"\nCorpus synthétique ({articles} articles, graine {seed})")
    print(
        f"  articles trouvés : {len(result.articles)} ; titres exacts : {len(planted & found)}/{len(planted)}"
    )


if __name__ == "__main__":
    sys.exit(main())
