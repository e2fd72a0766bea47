"""Accessibility of the handbook: axe-core (WCAG 2.1 A and AA) in light and dark mode.

axe-core (npm package ``axe-core``) is injected into each page through
Selenium; any violation, whatever its impact, fails. The theme's dark mode
(``data-theme="dark"`` on ``<html>``) is checked too, colour contrast
included. Language, image alternatives, heading order and French labels are
also checked on the pages themselves.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from browsing import (
    ARTICLE,
    GLOSSARY,
    HOME,
    NOT_FOUND,
    SEARCH,
    THEME,
    axe_violations,
    describe_violations,
    open_page,
    wait_for_search_results,
)
from bs4 import BeautifulSoup
from selenium.webdriver.remote.webdriver import WebDriver

PAGES = {
    "accueil": HOME,
    "thème": THEME,
    "article": ARTICLE,
    "glossaire": GLOSSARY,
    "recherche": f"{SEARCH}?q=donnees+personnelles",
    "page introuvable": NOT_FOUND,
}

#: English labels of the themes' buttons and landmarks that must not reach
#: French readers (tooltips, aria-label).
ENGLISH_LABELS = {
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Main",
    "Search",
    "Light",
    "Dark",
    "System Settings",
    "Back to top",
    "Skip to main content",
    "Fullscreen mode",
    "Download this page",
    "Repository",
    "Open issue",
    "Suggest edit",
    "Edit this page",
    "Contents",
    "Print to PDF",
    "previous page",
    "next page",
}


def _built_pages(site: Path) -> list[Path]:
    """The pages of the handbook (not the theme's template fragments in _static/)."""
    skipped = {".doctrees", "_static"}
    return sorted(p for p in site.rglob("*.html") if skipped.isdisjoint(p.relative_to(site).parts))


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violation(
    browser: WebDriver, base_url: str, axe_source: str, name: str, mode: str
) -> None:
    path = PAGES[name]
    open_page(browser, base_url, path, mode)
    if path.startswith(SEARCH):
        wait_for_search_results(browser, path)
    violations = axe_violations(browser, axe_source)
    assert not violations, (
        f"page « {name} » ({path}), mode {'sombre' if mode == 'dark' else 'clair'} : "
        f"{len(violations)} règle(s) WCAG 2.1 A/AA non respectée(s)\n"
        + describe_violations(violations)
    )


_HEADINGS = """
return [...document.querySelectorAll("article.bd-article h1, article.bd-article h2,"
  + " article.bd-article h3, article.bd-article h4, article.bd-article h5,"
  + " article.bd-article h6")]
  .filter((h) => h.checkVisibility())
  .map((h) => [Number(h.tagName[1]), h.textContent.trim()]);
"""


@pytest.mark.parametrize("name", ["accueil", "thème", "article", "glossaire", "page introuvable"])
def test_headings_start_at_h1_and_never_skip_a_level(
    browser: WebDriver, base_url: str, name: str
) -> None:
    open_page(browser, base_url, PAGES[name])
    headings = browser.execute_script(_HEADINGS)
    assert headings, f"{name} : pas de titre dans le contenu"
    levels = [level for level, _ in headings]
    assert levels[0] == 1 and levels.count(1) == 1, f"{name} : un seul h1, en tête ({headings})"
    for (before, _), (level, text) in itertools.pairwise(headings):
        assert level <= before + 1, f"{name} : « {text} » (h{level}) suit un h{before}"


def test_every_page_is_in_french(site: Path) -> None:
    wrong = []
    for path in _built_pages(site):
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser").find("html")
        if html is None or html.get("lang") != "fr":
            wrong.append(path.relative_to(site).as_posix())
    assert not wrong, f'pages sans <html lang="fr"> : {wrong}'


def test_images_have_a_text_alternative(site: Path) -> None:
    """Every <img> has an alt (empty when decorative); SVG images are named or hidden."""
    missing = []
    for path in _built_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for image in soup.find_all("img"):
            if image.get("alt") is None:
                missing.append(f"{path.relative_to(site)} : {image.get('src')}")
        for svg in soup.find_all("svg", attrs={"role": "img"}):
            if not (svg.get("aria-hidden") == "true" or svg.get("aria-label") or svg.find("title")):
                missing.append(f"{path.relative_to(site)} : <svg> {svg.get('class')}")
    assert not missing, "images sans texte de remplacement :\n" + "\n".join(missing[:20])


def test_no_english_label_left(site: Path) -> None:
    """The theme's tooltips and landmark names are French (docs/_templates)."""
    found = set()
    for path in _built_pages(site):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for element in soup.find_all(True):
            for attribute in ("title", "aria-label", "data-bs-title"):
                value = element.get(attribute)
                if isinstance(value, str) and value.strip() in ENGLISH_LABELS:
                    found.add((path.relative_to(site).as_posix(), attribute, value.strip()))
    assert not found, "libellés en anglais :\n" + "\n".join(map(str, sorted(found)[:20]))
