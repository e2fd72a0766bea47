"""Accessibility of the handbook: axe-core (WCAG 2.1 A and AA) on every kind of page.

axe-core (npm package ``axe-core``) is injected into each page through
Selenium and run on one page of each kind the site has (home, themes index,
a theme, an article, glossary, search results, 404, « À propos »,
« Contribuer », « Crédits et droits », « Fiabilité », the general index and
every report of docs/rapports/), each in light and dark mode
(``data-theme`` on ``<html>``, colour contrast included) and on a wide
screen (1280 px) and a phone (390 px, menus folded away): one test each.
Any violation, whatever its impact, fails. So does any result axe cannot
decide by itself (``incomplete``: to be checked by a person) unless
:data:`ALLOWED_INCOMPLETE` says why it is accepted; every such result is
printed at the end of the run. Language, image alternatives, heading order
and French labels are also checked on the pages themselves.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import (
    ABOUT,
    ARTICLE,
    CONTRIBUTING,
    CREDITS,
    GENERAL_INDEX,
    GLOSSARY,
    HOME,
    NOT_FOUND,
    PHONE,
    RELIABILITY,
    REPORTS,
    SEARCH,
    THEME,
    THEMES_INDEX,
    WIDE,
    axe_audit,
    describe_violations,
    emulate_screen,
    open_page,
    reset_screen,
    wait_for_search_results,
)
from bs4 import BeautifulSoup
from selenium.webdriver.remote.webdriver import WebDriver

if TYPE_CHECKING:
    from conftest import AxeLog

SEARCH_QUERY = "donnees personnelles"

#: One page of each kind: test id -> (name in messages, path in the site).
PAGES: dict[str, tuple[str, str]] = {
    "accueil": ("accueil", HOME),
    "themes": ("liste des thèmes", THEMES_INDEX),
    "theme": ("thème", THEME),
    "article": ("article", ARTICLE),
    "glossaire": ("glossaire", GLOSSARY),
    "recherche": ("recherche", f"{SEARCH}?q={SEARCH_QUERY.replace(' ', '+')}"),
    "introuvable": ("page introuvable", NOT_FOUND),
    "a-propos": ("À propos", ABOUT),
    "contribuer": ("Contribuer", CONTRIBUTING),
    "credits": ("Crédits et droits", CREDITS),
    "fiabilite": ("Fiabilité et sécurité", RELIABILITY),
    "index": ("index général", GENERAL_INDEX),
    **{
        f"rapport-{Path(report).stem}": (f"rapport {Path(report).stem}", report)
        for report in REPORTS
    },
}

MODES = {"clair": "light", "sombre": "dark"}
SCREENS = {"large": WIDE, "telephone": PHONE}

#: axe-core rules whose ``incomplete`` results are accepted: rule id -> why a
#: program cannot decide it here and what a person checked instead. An
#: incomplete result of any other rule fails its test. Empty today: axe
#: decides every rule on every page audited. Add a rule only with its reason,
#: e.g. "color-contrast": "text over a background image (the home page's
#: banner): the contrast depends on the pixels behind each letter; checked by
#: hand in both modes", and prefer fixing the page (a plain background
#: colour behind the text lets axe decide).
ALLOWED_INCOMPLETE: dict[str, str] = {}

#: The audits, screen by screen then mode by mode, so that the emulated
#: screen and the stored colour mode change as rarely as possible.
AUDITS = [
    pytest.param(page, mode, screen, id=f"{page}-{mode}-{screen}")
    for screen in SCREENS
    for mode in MODES
    for page in PAGES
]

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


_OPEN_DROPDOWNS = "document.querySelectorAll('details').forEach((d) => { d.open = true; });"


def _incomplete_lines(label: str, incomplete: list[dict]) -> list[str]:
    lines = []
    for result in incomplete:
        reason = ALLOWED_INCOMPLETE.get(result["id"])
        verdict = f"admis : {reason}" if reason else "NON ADMIS"
        lines.append(f"{label} : {result['id']} ({len(result['nodes'])} élément(s)) — {verdict}")
    return lines


@pytest.mark.parametrize(("page", "mode", "screen"), AUDITS)
def test_axe_finds_nothing(
    browser: WebDriver,
    base_url: str,
    axe_source: str,
    axe_log: AxeLog,
    page: str,
    mode: str,
    screen: str,
) -> None:
    name, path = PAGES[page]
    label = f"page « {name} » ({path}), mode {mode}, écran {SCREENS[screen].width} px"
    emulate_screen(browser, SCREENS[screen])
    try:
        open_page(browser, base_url, path, MODES[mode])
        if path.startswith(SEARCH):
            wait_for_search_results(browser, SEARCH_QUERY)
        # the exercises' solutions (closed <details>) are checked too
        browser.execute_script(_OPEN_DROPDOWNS)
        results = axe_audit(browser, axe_source)
    finally:
        reset_screen(browser)

    axe_log.audits += 1
    lines = _incomplete_lines(label, results.incomplete)
    axe_log.incomplete += lines
    for line in lines:
        print(line)
    assert not results.violations, (
        f"{label} : {len(results.violations)} règle(s) WCAG 2.1 A/AA non respectée(s)\n"
        + describe_violations(results.violations)
    )
    undecided = [r for r in results.incomplete if r["id"] not in ALLOWED_INCOMPLETE]
    assert not undecided, (
        f"{label} : axe-core n'a pas pu trancher {len(undecided)} règle(s) ; corrigez la "
        "page pour qu'il tranche, ou ajoutez la règle à ALLOWED_INCOMPLETE en disant "
        "pourquoi elle ne peut pas être vérifiée automatiquement\n" + describe_violations(undecided)
    )


def test_every_kind_of_page_is_audited(site: Path) -> None:
    """Every built page is audited, or is an article or a theme like the ones audited."""
    audited = {path.partition("?")[0] for _, path in PAGES.values()}
    # one article (ARTICLE) and one theme (THEME) stand for all the others
    alike = {"articles", "themes"}
    missing = []
    for page in _built_pages(site):
        relative = page.relative_to(site).as_posix()
        if relative in audited or relative.partition("/")[0] in alike:
            continue
        missing.append(relative)
    assert not missing, f"pages d'un genre que l'audit axe-core ne couvre pas : {missing}"
    assert audited <= {p.relative_to(site).as_posix() for p in _built_pages(site)}


def test_audit_reports_what_axe_cannot_decide(
    browser: WebDriver, base_url: str, axe_source: str
) -> None:
    """A result axe cannot decide (text over a gradient) does reach the audit."""
    open_page(browser, base_url, ABOUT)
    browser.execute_script(
        "const p = document.createElement('p');"
        "p.style.backgroundImage = 'linear-gradient(#fff, #000)';"
        "p.textContent = 'Texte sur un dégradé';"
        "document.querySelector('article.bd-article').append(p);"
    )
    results = axe_audit(browser, axe_source)
    contrast = [r for r in results.incomplete if r["id"] == "color-contrast"]
    assert contrast, f"axe-core ne signale pas le contraste indécidable : {results}"
    assert any("bgGradient" in node["reasons"] for node in contrast[0]["nodes"])


_HEADINGS = """
return [...document.querySelectorAll("article.bd-article h1, article.bd-article h2,"
  + " article.bd-article h3, article.bd-article h4, article.bd-article h5,"
  + " article.bd-article h6")]
  .filter((h) => h.checkVisibility())
  .map((h) => [Number(h.tagName[1]), h.textContent.trim()]);
"""


@pytest.mark.parametrize("page", ["accueil", "theme", "article", "glossaire", "introuvable"])
def test_headings_start_at_h1_and_never_skip_a_level(
    browser: WebDriver, base_url: str, page: str
) -> None:
    name, path = PAGES[page]
    open_page(browser, base_url, path)
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
