"""The synthetic corpus (bench.synthetic) and what the pipeline makes of it.

No timing here: the measures are in bench/ (``make bench``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handbook.convert.pipeline import analyse, ledger
from handbook.data.profiles import load_profiles

from bench import synthetic

REPO_ROOT = Path(__file__).resolve().parent.parent
PROFILES = REPO_ROOT / "docs" / "_data" / "source-profiles.yaml"
SEED = 7
ARTICLES = 50


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("synthetic")
    truth = synthetic.generate(root / "sources", ARTICLES, SEED, truth_path=root / "truth.json")
    paths = sorted((root / "sources").glob("*.txt"))
    return root, truth, analyse(paths, root=root, profiles=load_profiles(PROFILES))


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "a", 30, seed=3)
    synthetic.generate(tmp_path / "b", 30, seed=3)
    synthetic.generate(tmp_path / "c", 30, seed=4)
    first, again, other = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert first and first == again
    assert other != first


def test_corpus_has_the_shapes_of_the_real_dumps(corpus) -> None:
    root, truth, _analysis = corpus
    assert len(truth.articles) == ARTICLES
    kinds = {article.kind for article in truth.articles}
    assert kinds == {"blog", "feed", "page"}
    assert truth.occurrences > ARTICLES  # some articles are copied in other files
    assert any(truncated for a in truth.articles for _f, _l, truncated in a.occurrences)
    text = "\n".join(p.read_text("utf-8") for p in sorted((root / "sources").glob("*.txt")))
    for shape in (
        "  • ",
        "« ",
        " : “",
        "© ",
        "Source : ",
        "est apparu en premier sur",
        "| Cap'Com",
        "Propos recueillis par",
        "Publié le",
    ):
        assert shape in text, shape
    assert (root / "truth.json").read_text("utf-8").startswith("{")


def test_pipeline_finds_about_as_many_articles_as_were_planted(corpus) -> None:
    _root, truth, analysis = corpus
    planted = set(truth.titles)
    found = {article.title for article in analysis.articles}
    # Where a plain title without any signal starts an article is the line-role
    # model's judgement: the share of exact titles is measured by `make eval`
    # (eval/RESULTS.md). Here: most are found, and the count is within 10 %.
    assert len(planted & found) >= len(planted) // 2
    assert abs(len(analysis.articles) - len(planted)) <= 0.1 * len(planted)


def test_every_planted_chrome_line_is_dropped_as_site_chrome(corpus) -> None:
    _root, truth, analysis = corpus
    reasons = {(d.file, d.line): d.reason for d in analysis.dropped}
    assert truth.chrome
    for name, line, text in truth.chrome:
        assert reasons.get((f"sources/{name}", line)) == "site-chrome", (name, line, text)


def test_no_line_is_lost(corpus) -> None:
    _root, _truth, analysis = corpus
    places = ledger(analysis)
    assert [key for key, where in places.items() if where == "lost"] == []


def test_numbers_in_letters() -> None:
    spelled = {
        3: "trois",
        17: "dix-sept",
        21: "vingt et un",
        71: "soixante et onze",
        80: "quatre-vingts",
        91: "quatre-vingt-onze",
        200: "deux cents",
        243: "deux cent quarante-trois",
        1000: "mille",
        2080: "deux mille quatre-vingts",
    }
    for number, text in spelled.items():
        assert synthetic.number_in_letters(number) == text


def test_extension_declares_parallel_safety(tmp_path: Path) -> None:
    # That -j 2 and -j 1 write the same pages is tested by a real build in
    # tests/test_sphinxext.py::test_parallel_build_writes_the_same_pages.
    from sphinx.application import Sphinx

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["handbook.site"]\n', "utf-8")
    (src / "index.md").write_text("# Essai\n", "utf-8")
    app = Sphinx(
        str(src),
        str(src),
        str(tmp_path / "out"),
        str(tmp_path / "doctrees"),
        "html",
        status=None,
        warning=None,
    )
    extension = app.extensions["handbook.site"]
    assert extension.parallel_read_safe is True
    assert extension.parallel_write_safe is True
    # ... and so do the extensions it loads itself
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
