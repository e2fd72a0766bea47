"""Site basics: French 404 page, sitemap, Open Graph cards, copy buttons."""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browsing import ARTICLE, NOT_FOUND, open_page, wait
from bs4 import BeautifulSoup
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import PYPROJECT
except ImportError:
    from tests.sphinx_util import PYPROJECT

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def homepage() -> str:
    """html_baseurl outside Read the Docs: the Homepage URL of pyproject.toml."""
    with PYPROJECT.open("rb") as handle:
        return tomllib.load(handle)["project"]["urls"]["Homepage"]


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text("utf-8"), "html.parser")


# --------------------------------------------------------------------------
# 404
# --------------------------------------------------------------------------


def test_not_found_page_is_french_and_styled(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url, NOT_FOUND)
    assert browser.find_element(By.CSS_SELECTOR, "article h1").text == "Page introuvable"
    assert browser.title.startswith("Page introuvable")
    # absolute links (the page is served at any missing address): the theme's
    # stylesheet is loaded, the links lead to real pages
    styled = browser.execute_script(
        "return [...document.styleSheets].some((sheet) => sheet.href"
        " && sheet.href.includes('/_static/styles/') && sheet.cssRules.length > 0);"
    )
    assert styled, "la feuille de style du thème n'est pas chargée sur la page introuvable"
    links = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "article a")}
    assert links == {"l'accueil du manuel", "les thèmes du cours", "rechercher dans le manuel"}
    browser.find_element(By.LINK_TEXT, "les thèmes du cours").click()
    wait(browser, lambda b: b.current_url.endswith("/themes/index.html"), "lien cassé")
    title = browser.find_element(By.CSS_SELECTOR, "article h1").text
    assert title.startswith("Les thèmes du cours")


def test_not_found_page_links_are_absolute(site: Path) -> None:
    soup = _soup(site, NOT_FOUND)
    relative = [
        element.get(attribute)
        for element in soup.find_all(["a", "link", "script"])
        for attribute in ("href", "src")
        if element.get(attribute)
        and not element.get(attribute).startswith(("/", "#", "http://", "https://", "mailto:"))
    ]
    assert not relative, f"liens relatifs dans 404.html : {relative}"


# --------------------------------------------------------------------------
# sitemap
# --------------------------------------------------------------------------


def test_sitemap_lists_every_page_at_the_published_address(site: Path, homepage: str) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]
    assert urls and all(url.startswith(homepage) for url in urls), urls[:5]
    pages = {url.removeprefix(homepage) for url in urls}
    assert {"index.html", "glossaire.html", "themes/index.html", ARTICLE} <= pages
    assert not pages & {"search.html", "genindex.html", "404.html"}
    articles = {p.relative_to(site).as_posix() for p in (site / "articles").glob("*.html")}
    assert articles <= pages
    assert len(pages) == len(urls), "adresses en double"


# --------------------------------------------------------------------------
# Open Graph
# --------------------------------------------------------------------------


def test_open_graph_card_of_an_article(site: Path, homepage: str) -> None:
    soup = _soup(site, ARTICLE)
    tags = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert tags["og:url"] == urljoin(homepage, ARTICLE)
    assert tags["og:title"] == soup.find("h1").get_text().rstrip("#").strip()
    assert tags["og:site_name"].startswith("Manuel de la LP Communication publique")
    assert tags["og:locale"] == "fr_FR"
    assert tags["og:type"] == "website"
    # the article's first words, not the theme badge or « Texte importé de … »
    # that the handbook adds under the title (handbook.site.descriptions)
    description = tags["og:description"]
    assert description.startswith("Alors que les données personnelles sont aujourd’hui captées")
    assert description.endswith("…") and len(description) <= 200
    assert soup.find("meta", attrs={"name": "description"})["content"] == description


def test_every_page_has_an_open_graph_title_and_url(site: Path) -> None:
    """Every page written from a document (not the generated 404, index, search pages)."""
    missing = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in {".doctrees", "_static"}:
            continue
        if relative.as_posix() in {NOT_FOUND, "genindex.html", "search.html"}:
            continue
        metas = _soup(site, relative.as_posix()).find_all("meta", property=True)
        properties = {meta["property"] for meta in metas}
        if not {"og:title", "og:url", "og:locale"} <= properties:
            missing.append(relative.as_posix())
    assert not missing, missing


# --------------------------------------------------------------------------
# copy button
# --------------------------------------------------------------------------


def test_copy_button_only_on_code_blocks(browser: WebDriver, base_url: str) -> None:
    """« Contribuer » has shell commands: one copy button per code block, none elsewhere."""
    open_page(browser, base_url, "contribuer.html")
    counts = wait(
        browser,
        lambda b: b.execute_script(
            "const buttons = document.querySelectorAll('button.copybtn');"
            "return buttons.length ? {"
            "  buttons: buttons.length,"
            "  blocks: document.querySelectorAll('div.highlight pre').length,"
            "  inBlocks: [...buttons].filter((b) => b.closest('div.highlight')).length,"
            "} : null;"
        ),
        "pas de bouton de copie sur la page « Contribuer »",
    )
    assert counts["blocks"] > 0
    assert counts["buttons"] == counts["blocks"] == counts["inBlocks"], counts


# --------------------------------------------------------------------------
# line roles: captions, credits and attributions set apart from the text
# --------------------------------------------------------------------------

ROLES_PAGE = (
    "articles/les-espaces-de-coworking-nouveaux-porteurs-dactivites-dans-les-territoires.html"
)
STYLE = """
const style = (selector) => {
  const element = document.querySelector(selector);
  const s = getComputedStyle(element);
  return [parseFloat(s.fontSize), s.color];
};
return [style('article.bd-article section > p'), style('.legende p'),
        style('.credit p'), style('.citation > .attribution p')];
"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_captions_credits_and_attributions_are_smaller_and_muted(
    browser: WebDriver, base_url: str, mode: str
) -> None:
    open_page(browser, base_url, ROLES_PAGE, mode)
    (body_size, body_colour), *others = browser.execute_script(STYLE)
    for _size, colour in others:
        assert colour != body_colour, (mode, colour)
    caption, credit, _attribution = others
    assert caption[0] < body_size and credit[0] < body_size, (mode, body_size, caption, credit)
