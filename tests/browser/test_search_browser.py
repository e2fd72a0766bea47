"""The French search, as a student uses it: typed without accents, singular or plural.

Expectations are written by hand from the articles (docs/articles/*.md):
when a student types the words of a course notion, the articles about it
come first, next to the theme page (and the glossary entry, when the query is
a glossary term).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import SEARCH, result_pages, typed_search, wait_for_search_results
from handbook.site.search import SearchFrenchFolded, fold
from selenium.webdriver.remote.webdriver import WebDriver

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import DOCS_DIR
except ImportError:
    from tests.sphinx_util import DOCS_DIR

SELF_DATA = "articles/lyon-nantes-et-la-rochelle-jettent-les-bases-du-self-data-territorial"
DATA_PROTECTION_DAY = "articles/14eme-edition-de-la-journee-europeenne-de-la-protection-des-donnees"
FREE_SPEECH = "articles/attaques-contre-la-liberte-dexpression-parler-ou-se-taire"
SOCIAL_NETWORKS = "articles/reseaux-sociaux-quelle-strategie-adopter-pour-la-communication-publique"
INCLUSION_REVIEW = (
    "articles/premier-bilan-pour-la-strategie-dinclusion-numerique-des-pyrenees-atlantiques"
)


@dataclass(frozen=True)
class Expected:
    #: articles that must come before any other article
    articles: frozenset[str]
    #: other pages that must be among the first results, with the articles
    others: frozenset[str] = frozenset()

    @property
    def pages(self) -> frozenset[str]:
        return self.articles | self.others


EXPECTED = {
    # « Self data » article (6 × « données personnelles ») and the European
    # data protection day; the theme « Protection des données ».
    "donnees personnelles": Expected(
        frozenset({SELF_DATA, DATA_PROTECTION_DAY}),
        frozenset({"themes/protection-des-donnees"}),
    ),
    # The only article of the theme « Communication de crise », the theme
    # page and the glossary entry « Communication de crise ».
    "communication de crise": Expected(
        frozenset({FREE_SPEECH}),
        frozenset({"themes/communication-de-crise", "glossaire"}),
    ),
    # « Réseaux sociaux : quelle stratégie adopter… », first of all.
    "reseaux sociaux": Expected(frozenset({SOCIAL_NETWORKS})),
    # « Premier bilan pour la stratégie d'Inclusion numérique… » and the theme.
    "inclusion numerique": Expected(
        frozenset({INCLUSION_REVIEW}),
        frozenset({"themes/inclusion-numerique"}),
    ),
}

#: The same notions typed otherwise: accents, singular/plural, capitals.
VARIANTS = {
    "données personnelles": "donnees personnelles",
    "donnee personnelle": "donnees personnelles",
    "DONNÉES PERSONNELLES": "donnees personnelles",
    "communications de crises": "communication de crise",
    "réseaux sociaux": "reseaux sociaux",
    "reseau social": "reseaux sociaux",
    "inclusion numérique": "inclusion numerique",
    "inclusions numeriques": "inclusion numerique",
}


def _articles(pages: list[str]) -> list[str]:
    return [page for page in pages if page.startswith("articles/")]


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_typed_query_without_accents_finds_the_articles_first(
    browser: WebDriver, base_url: str, query: str
) -> None:
    expected = EXPECTED[query]
    typed_search(browser, base_url, query)
    pages = result_pages(browser)
    first = pages[: len(expected.pages)]
    assert set(first) == expected.pages, (
        f"« {query} » : premiers résultats {first}, attendus {sorted(expected.pages)} "
        f"(tous les résultats : {pages})"
    )


@pytest.mark.parametrize("query", sorted(VARIANTS))
def test_accents_number_and_case_do_not_matter(
    browser: WebDriver, base_url: str, query: str
) -> None:
    expected = EXPECTED[VARIANTS[query]]
    typed_search(browser, base_url, query)
    pages = result_pages(browser)
    first_articles = _articles(pages)[: len(expected.articles)]
    assert set(first_articles) == expected.articles, (
        f"« {query} » : premiers articles {first_articles}, attendus {sorted(expected.articles)}"
    )
    for page in expected.others - {"glossaire"}:
        assert page in pages[: len(expected.pages) + 1], (
            f"« {query} » : {page} absent en tête ({pages})"
        )


def test_accented_and_plain_queries_give_the_same_results(
    browser: WebDriver, base_url: str
) -> None:
    orders = []
    for query in ("données personnelles", "donnees personnelles"):
        typed_search(browser, base_url, query)
        orders.append(result_pages(browser))
    assert orders[0] == orders[1]
    assert len(orders[0]) >= 3


def test_browser_folds_exactly_like_the_index(browser: WebDriver, base_url: str) -> None:
    """``fold`` in handbook-search.js and in search.py give the same text."""
    samples = [
        "Données personnelles",
        "ÉTÉ À LA CAMPAGNE, Noël, où, çà",
        "Œuvre, cœur, Æsop, ex æquo",
        "naïve, Anaïs, Citroën, Ÿ",
        "Cafe\u0301 (accent combinant)",
        "Señor, São Paulo, Ångström, Łódź, Ødegaard",
        "ﬁche (ligature typographique), ², ½",
        "Ελληνικά, русский",
        "l’inclusion numérique — « guillemets »",
    ]
    browser.get(f"{base_url}{SEARCH}")
    folded = browser.execute_script(
        "return arguments[0].map((text) => window.handbookFold(text));", samples
    )
    assert folded == [fold(text) for text in samples]


def test_query_words_are_folded_before_stemming(browser: WebDriver, base_url: str) -> None:
    """searchtools.js uses the handbook's splitQuery, then the French stemmer."""
    browser.get(f"{base_url}{SEARCH}?q=Données")
    wait_for_search_results(browser, "Données")
    stems = browser.execute_script(
        "const stemmer = new Stemmer();"
        "return splitQuery('Données RÉSEAUX œuvres')"
        ".map((word) => stemmer.stemWord(word.toLowerCase()));"
    )
    assert stems == ["donne", "reseau", "oeuvr"]


def test_browser_stems_like_the_index(browser: WebDriver, base_url: str) -> None:
    """Sphinx's JavaScript French stemmer and Python's snowballstemmer agree.

    On every (folded) word of a few articles and theme pages: the words the
    index was built from, stemmed on both sides.
    """
    language = SearchFrenchFolded({})
    words: set[str] = set()
    for page in ("articles/*self-data*.md", "articles/reseaux-sociaux*.md", "themes/*.md"):
        for path in DOCS_DIR.glob(page):
            words.update(language.split(path.read_text("utf-8")))
    words = sorted(word for word in words if not word.isdigit())
    assert len(words) > 500
    browser.get(f"{base_url}{SEARCH}")
    stems = browser.execute_script(
        "const stemmer = new Stemmer(); return arguments[0].map((w) => stemmer.stemWord(w));",
        words,
    )
    differences = [
        (word, js, language.stem(word))
        for word, js in zip(words, stems, strict=True)
        if js != language.stem(word)
    ]
    assert not differences, f"racines différentes (mot, JavaScript, Python) : {differences[:20]}"


def test_index_holds_folded_words_only(site: Path) -> None:
    text = (site / "searchindex.js").read_text("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    terms = [*index["terms"], *index["titleterms"]]
    accented = sorted(term for term in terms if fold(term) != term)
    assert not accented, f"mots accentués dans l'index : {accented[:20]}"
    assert {"donne", "personnel", "reseau", "social", "inclus", "numer"} <= set(index["terms"])
