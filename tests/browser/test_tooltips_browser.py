"""Glossary tooltips in Chromium: keyboard focus, mouse, tap, Escape (handbook-tooltips.js).

The text expected in a tooltip is the entry's term and the first sentence of
its definition, read from docs/_data/glossary.yaml (the sentence cut is
tested on hand-written cases in tests/test_tooltips.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from browsing import (
    ARTICLE,
    GLOSSARY,
    PHONE,
    THEME,
    WIDE,
    Screen,
    axe_audit,
    describe_violations,
    emulate_screen,
    open_page,
    reset_screen,
    wait,
)
from handbook.data.glossary import load_glossary
from handbook.site.lead import first_sentence
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import REPO_ROOT
except ImportError:
    from tests.sphinx_util import REPO_ROOT

#: the smallest phone screen the handbook is read on
SMALL_PHONE = Screen(320, 568, mobile=True)
LINKS = "article.bd-article a.handbook-tip-link"
#: Tab presses allowed to reach the first glossary link from the top of the page
MAX_TABS = 150


@pytest.fixture(scope="module")
def expected_tips() -> dict[str, str]:
    """Term of each glossary entry -> the text of its tooltip."""
    return {
        entry.term: f"{entry.term} : {first_sentence(entry.definition)}"
        for entry in load_glossary(REPO_ROOT)
    }


def _tip(browser: WebDriver, link: WebElement) -> WebElement:
    tip_id = link.get_attribute("aria-describedby")
    assert tip_id, "lien du glossaire sans aria-describedby"
    return browser.find_element(By.ID, tip_id)


def _shown(tip: WebElement) -> bool:
    try:
        return tip.is_displayed()
    except StaleElementReferenceException:  # the page was left
        return False


def _rect(browser: WebDriver, element: WebElement) -> dict[str, float]:
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
        " width: document.documentElement.clientWidth};",
        element,
    )


def _check_text(tip: WebElement, expected_tips: dict[str, str]) -> None:
    term = tip.find_element(By.TAG_NAME, "strong").text
    assert term in expected_tips, f"terme inconnu du glossaire : {term}"
    assert tip.text == expected_tips[term]


def _fits(browser: WebDriver, tip: WebElement) -> None:
    box = _rect(browser, tip)
    assert box["left"] >= 0 and box["right"] <= box["width"], (box, tip.text)


def _path(browser: WebDriver) -> str:
    return urlparse(browser.current_url).path


# --------------------------------------------------------------------------
# keyboard and mouse (wide screen)
# --------------------------------------------------------------------------


def test_keyboard_focus_shows_the_definition_escape_closes_it(
    browser: WebDriver, base_url: str, expected_tips: dict[str, str]
) -> None:
    open_page(browser, base_url, ARTICLE)
    first = browser.find_element(By.CSS_SELECTOR, LINKS)
    tip = _tip(browser, first)
    assert tip.get_attribute("role") == "tooltip"
    assert not _shown(tip), "la définition est visible avant tout geste"
    # Tab from the top of the page to the first glossary link
    focus = ActionChains(browser)
    for _ in range(MAX_TABS):
        focus.send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element == first:
            break
    assert browser.switch_to.active_element == first, "lien du glossaire jamais atteint par Tab"
    assert _shown(tip), "la définition n'apparaît pas quand le lien a le focus"
    _check_text(tip, expected_tips)
    _fits(browser, tip)

    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    assert not _shown(tip), "Échap ne ferme pas la définition"
    assert browser.switch_to.active_element == first, "Échap a fait perdre le focus"

    # Enter follows the link
    target = first.get_attribute("href")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    wait(browser, lambda b: b.current_url == target, "Entrée ne suit pas le lien")
    assert _path(browser).endswith("/glossaire.html")


def test_the_pointer_over_the_link_or_its_tooltip_keeps_it_open(
    browser: WebDriver, base_url: str, expected_tips: dict[str, str]
) -> None:
    open_page(browser, base_url, ARTICLE)
    link = browser.find_element(By.CSS_SELECTOR, LINKS)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    tip = _tip(browser, link)
    ActionChains(browser).move_to_element(link).perform()
    wait(browser, lambda b: _shown(tip), "la définition n'apparaît pas au survol")
    _check_text(tip, expected_tips)
    # the pointer can move onto the tooltip (to read it) without closing it
    ActionChains(browser).move_to_element(tip).perform()
    assert _shown(tip)
    # elsewhere, it closes
    ActionChains(browser).move_to_element(
        browser.find_element(By.CSS_SELECTOR, "article.bd-article h1")
    ).perform()
    wait(browser, lambda b: not _shown(tip), "la définition reste ouverte hors du lien")


@pytest.mark.parametrize("page", [ARTICLE, THEME, GLOSSARY])
def test_every_glossary_link_has_its_definition(
    browser: WebDriver, base_url: str, expected_tips: dict[str, str], page: str
) -> None:
    """On an article (automatic links), a theme page and the glossary ({term} links)."""
    open_page(browser, base_url, page)
    links = browser.find_elements(By.CSS_SELECTOR, LINKS)
    assert links, f"{page} : pas de lien vers le glossaire avec sa définition"
    for link in links:
        browser.execute_script("arguments[0].focus()", link)
        tip = _tip(browser, link)
        assert _shown(tip), f"{page} : {link.text} sans définition au focus"
        _check_text(tip, expected_tips)


# --------------------------------------------------------------------------
# phones: tap
# --------------------------------------------------------------------------


@pytest.fixture
def touch_phone(browser: WebDriver) -> Iterator[WebDriver]:
    """The browser as a phone with a touch screen."""
    emulate_screen(browser, PHONE)
    browser.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1}
    )
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        reset_screen(browser)


def _tap(browser: WebDriver, element: WebElement) -> None:
    finger = PointerInput(interaction.POINTER_TOUCH, "doigt")
    actions = ActionBuilder(browser, mouse=finger)
    actions.pointer_action.move_to(element).pointer_down().pointer_up()
    actions.perform()


def test_a_tap_shows_the_definition_and_a_second_tap_follows_the_link(
    touch_phone: WebDriver, base_url: str, expected_tips: dict[str, str]
) -> None:
    browser = touch_phone
    open_page(browser, base_url, ARTICLE)
    page = _path(browser)
    link = browser.find_element(By.CSS_SELECTOR, LINKS)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    tip = _tip(browser, link)

    _tap(browser, link)
    wait(
        browser,
        lambda b: _path(b) != page or _shown(tip),
        "un toucher n'affiche pas la définition",
    )
    assert _path(browser) == page, "un premier toucher a suivi le lien"
    _check_text(tip, expected_tips)
    _fits(browser, tip)

    # a tap elsewhere closes it; the next tap on the link opens it again
    _tap(browser, browser.find_element(By.CSS_SELECTOR, "article.bd-article h1"))
    wait(browser, lambda b: not _shown(tip), "un toucher ailleurs ne ferme pas la définition")
    _tap(browser, link)
    wait(browser, lambda b: _shown(tip), "la définition ne se rouvre pas")
    assert _path(browser) == page

    # the tooltip is open: a second tap follows the link
    target = link.get_attribute("href")
    _tap(browser, link)
    wait(browser, lambda b: b.current_url == target, "un second toucher ne suit pas le lien")


def test_tooltips_fit_a_320_px_screen(browser: WebDriver, base_url: str) -> None:
    emulate_screen(browser, SMALL_PHONE)
    try:
        open_page(browser, base_url, ARTICLE)
        links = browser.find_elements(By.CSS_SELECTOR, LINKS)
        assert links
        for link in links:
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
            browser.execute_script("arguments[0].focus()", link)
            tip = _tip(browser, link)
            assert _shown(tip)
            _fits(browser, tip)
            scroll = browser.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= SMALL_PHONE.width, f"page de {scroll} px avec « {tip.text} » ouverte"
    finally:
        reset_screen(browser)


# --------------------------------------------------------------------------
# accessibility of an open tooltip
# --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("screen", [WIDE, PHONE], ids=["large", "telephone"])
def test_axe_finds_nothing_with_a_tooltip_open(
    browser: WebDriver, base_url: str, axe_source: str, mode: str, screen: Screen
) -> None:
    """Contrast of the open tooltip in both colour modes, and the rest of WCAG 2.1 AA."""
    emulate_screen(browser, screen)
    try:
        open_page(browser, base_url, ARTICLE, mode)
        link = browser.find_element(By.CSS_SELECTOR, LINKS)
        browser.execute_script("arguments[0].focus()", link)
        assert _shown(_tip(browser, link))
        results = axe_audit(browser, axe_source)
    finally:
        reset_screen(browser)
    assert not results.violations, describe_violations(results.violations)
    assert not results.incomplete, describe_violations(results.incomplete)
