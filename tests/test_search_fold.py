"""Tests for handbook.site.search: accent folding and ranking data.

The unit tests check the folding and the French search language; the Sphinx
tests build a tiny project (with copies of the real conf.py and
pyproject.toml) strictly, serially and in parallel, from scratch and
incrementally. The search itself, in a browser, is tested in
tests/browser/test_search_browser.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import build, describe, make_project
except ImportError:  # tests/ became a package
    from tests.sphinx_util import build, describe, make_project

from handbook.site.glossary_links import ADDED_CLASS
from handbook.site.search import (
    MAX_STEMS,
    SearchFrenchFolded,
    _top_stems,
    fold,
    stem_counts,
    weights_script,
)

LANGUAGE = SearchFrenchFolded({})


# --------------------------------------------------------------------------
# folding and the search language
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("données personnelles", "donnees personnelles"),
        ("Réseaux SOCIAUX", "Reseaux SOCIAUX"),
        ("ÉTÉ à Noël, où ça ?", "ETE a Noel, ou ca ?"),
        ("Œuvre, cœur, Æ, æ", "OEuvre, coeur, AE, ae"),
        ("naïve Anaïs Citroën", "naive Anais Citroen"),
        ("Cafe\u0301", "Cafe"),
        ("l’inclusion « numérique »", "l’inclusion « numerique »"),
        ("sans accent", "sans accent"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(folded) == folded


@pytest.mark.parametrize(
    "words",
    [
        ("données", "donnees", "Données", "DONNÉES", "donnée", "donnee"),
        ("personnelles", "personnelle", "personnel", "PERSONNELLES"),
        ("réseaux", "reseaux", "réseau", "reseau"),
        ("sociaux", "social", "sociale"),
        ("numérique", "numerique", "numériques", "NUMÉRIQUES"),
        ("crise", "crises"),
        ("œuvre", "oeuvres"),
    ],
)
def test_accents_case_and_number_give_one_stem(words: tuple[str, ...]) -> None:
    assert len({LANGUAGE.stem(word) for word in words}) == 1


def test_split_returns_folded_lowercase_words() -> None:
    assert LANGUAGE.split("Les Données de l’État, ÉTÉ 2019") == [
        "les",
        "donnees",
        "de",
        "l",
        "etat",
        "ete",
        "2019",
    ]
    # a letter followed by a combining accent stays one word
    assert LANGUAGE.split(unicodedata.normalize("NFD", "Données publiques")) == [
        "donnees",
        "publiques",
    ]


def test_stop_words_with_and_without_accents() -> None:
    assert {"été", "ete", "à", "a", "même", "meme"} <= LANGUAGE.stopwords
    assert not LANGUAGE.word_filter("ete")
    assert not LANGUAGE.word_filter("été")
    assert LANGUAGE.word_filter("donne")
    assert not LANGUAGE.word_filter("2019")


def test_language_replaces_sphinx_french() -> None:
    from sphinx.search.fr import SearchFrench

    assert issubclass(SearchFrenchFolded, SearchFrench)
    assert SearchFrenchFolded.lang == "fr"
    assert SearchFrenchFolded.js_stemmer_rawcode == "french-stemmer.js"


# --------------------------------------------------------------------------
# term frequencies
# --------------------------------------------------------------------------


def _doctree(rst: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    document = new_document("<test>", settings)
    Parser().parse(rst, document)
    return document


def test_stem_counts_counts_the_page_own_words() -> None:
    doctree = _doctree(
        "Données personnelles\n====================\n\n"
        "Les données personnelles, la donnée personnelle. `Réseaux <https://exemple.fr>`_\n\n"
        ".. commentaire données données données\n"
    )
    related = nodes.container(classes=[ADDED_CLASS])
    related += nodes.paragraph(text="Données données données réseaux")
    doctree += related
    hidden = nodes.paragraph(text="données données", classes=["no-search"])
    doctree += hidden
    length, counts = stem_counts(doctree, LANGUAGE)
    # title (2 words) + paragraph: « les », « la » are stop words; link text,
    # comment, additions and no-search elements are not counted
    assert counts == {"donne": 3, "personnel": 3}
    assert length == 6


def test_top_stems_keeps_the_most_frequent() -> None:
    counts = {f"mot{i:03}": i for i in range(1, MAX_STEMS + 11)}
    top = _top_stems(counts)
    assert len(top) == MAX_STEMS
    assert min(top.values()) == 11
    small = {"a": 1, "b": 2}
    assert _top_stems(small) == small


def test_weights_script() -> None:
    text = weights_script({"b": (10, {"x": 2}), "a": (30, {"y": 5})})
    data = json.loads(re.search(r"= (\{.*\});", text).group(1))
    assert data["averageLength"] == 20
    assert data["maxStems"] == MAX_STEMS
    assert list(data["pages"]) == ["a", "b"]
    assert data["pages"]["a"] == {"length": 30, "stems": {"y": 5}}
    assert "window.handbookSearchWeights" in weights_script({})


# --------------------------------------------------------------------------
# real builds
# --------------------------------------------------------------------------

PAGES = {
    f"page{i}": f"# Page {i}\n\n" + ("Les données personnelles des usagers. " * i) + "\n"
    for i in range(1, 8)
} | {"crise": "# Communication de crise\n\nUne crise, des crises, la réputation.\n"}


def _search_data(out: Path) -> tuple[dict, dict]:
    index_text = (out / "searchindex.js").read_text("utf-8")
    index = json.loads(index_text[index_text.index("(") + 1 : index_text.rindex(")")])
    weights_text = (out / "_static" / "handbook-search-weights.js").read_text("utf-8")
    weights = json.loads(re.search(r"= (\{.*\});", weights_text).group(1))
    return index, weights


@pytest.mark.sphinx
def test_index_and_weights_serial_equals_parallel(tmp_path: Path) -> None:
    docs = make_project(tmp_path / "project", PAGES)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for out, extra in ((serial, []), (parallel, ["-j", "2"])):
        result = build(docs, out, extra)
        assert result.returncode == 0, describe(result)
    index, weights = _search_data(serial)
    assert (index, weights) == _search_data(parallel)

    assert "donne" in index["terms"] and "cris" in index["terms"]
    assert all(fold(term) == term for term in [*index["terms"], *index["titleterms"]])
    assert weights["pages"]["page7"]["stems"]["donne"] == 7
    assert weights["pages"]["crise"]["stems"]["cris"] == 3
    assert set(weights["pages"]) == {"index", *PAGES}

    # the search page loads the handbook's scripts before searchtools.js
    search = (serial / "search.html").read_text("utf-8")
    scripts = re.findall(r'<script src="([^"?]+)', search)
    names = [Path(s).name for s in scripts]
    for name in ("handbook-search-weights.js", "handbook-search.js"):
        assert names.index(name) < names.index("searchtools.js")
    # and only the search page does
    assert "handbook-search.js" not in (serial / "page1.html").read_text("utf-8")


@pytest.mark.sphinx
def test_weights_follow_incremental_builds(tmp_path: Path) -> None:
    docs = make_project(tmp_path / "project", PAGES)
    out = tmp_path / "html"
    assert build(docs, out).returncode == 0
    (docs / "page1.md").write_text("# Page 1\n\nRéseaux sociaux, réseau social.\n", "utf-8")
    (docs / "page2.md").unlink()
    (docs / "index.md").write_text(
        "# Accueil\n\n```{toctree}\n" + "\n".join(p for p in PAGES if p != "page2") + "\n```\n",
        "utf-8",
    )
    result = build(docs, out)
    assert result.returncode == 0, describe(result)
    _, weights = _search_data(out)
    assert weights["pages"]["page1"]["stems"] == {"reseau": 2, "social": 2, "pag": 1}
    assert "page2" not in weights["pages"]
    assert weights["pages"]["page7"]["stems"]["donne"] == 7  # not read again, kept


@pytest.mark.sphinx
def test_epub_has_no_search_script(tmp_path: Path) -> None:
    docs = make_project(tmp_path / "project", PAGES)
    out = tmp_path / "epub"
    result = build(docs, out, ["-d", str(tmp_path / "doctrees")], builder="epub")
    assert result.returncode == 0, describe(result)
    assert not list(out.rglob("handbook-search*.js"))
