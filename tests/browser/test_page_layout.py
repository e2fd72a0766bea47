"""Page layout on phones and wide screens: nothing wider than the screen, one search
control, one previous/next navigation.

The phone layout's accessibility is checked by test_accessibility.py, its text
size by test_phones.py.
"""

from __future__ import annotations

import pytest
from browsing import (
    ARTICLE,
    GLOSSARY,
    HOME,
    PHONE,
    REPORTS,
    THEME,
    THEMES_INDEX,
    WIDE,
    Screen,
    emulate_screen,
    open_page,
    reset_screen,
)
from selenium.webdriver.remote.webdriver import WebDriver

#: the smallest phone screen the handbook is read on, and a current iPhone
PHONES = {"320": Screen(320, 568, mobile=True), "390": PHONE}
SCREENS = {"large": WIDE, "telephone": PHONE}

#: One page of each kind: test id -> path in the site.
PAGES = {
    "article": ARTICLE,
    # the longest theme name in a badge under an article's title
    "article-badge-long": "articles/interview-trou-story-avec-maxime-pisano.html",
    "theme": THEME,
    "themes": THEMES_INDEX,
    "accueil": HOME,
    "glossaire": GLOSSARY,
    **{f"rapport-{path.rsplit('/', 1)[1].removesuffix('.html')}": path for path in REPORTS},
}

# Visible boxes and lines of text whose right edge is beyond the screen, unless
# a horizontally scrollable (or clipping) container around them fits the
# screen: a wide table or code block scrolls inside the page, not the page.
# The closed menus (primary and secondary sidebars) are drawers placed off the
# screen until their button opens them: left out.
_STICKING_OUT = """
const width = arguments[0];
const visible = (e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
const clips = (e) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX);
const contained = (element) => {
  for (let e = element; e && e !== document.body; e = e.parentElement) {
    if (e.matches(".bd-sidebar-primary, .bd-sidebar-secondary")) return true;
    if (clips(e) && e.getBoundingClientRect().right <= width + 1) return true;
  }
  return false;
};
const name = (e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`;
const found = [];
for (const e of document.querySelectorAll("body *")) {
  const box = e.getBoundingClientRect();
  if (box.width === 0 || !visible(e) || box.right <= width + 1) continue;
  if (!contained(e.parentElement)) found.push(`${name(e)} (${Math.round(box.right)} px)`);
}
const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (texts.nextNode()) {
  const text = texts.currentNode;
  const parent = text.parentElement;
  if (!text.textContent.trim() || !visible(parent) || contained(parent)) continue;
  const range = document.createRange();
  range.selectNodeContents(text);
  const right = Math.max(...[...range.getClientRects()].map((r) => r.right));
  if (right > width + 1) {
    found.push(`« ${text.textContent.trim().slice(0, 40)} » in ${name(parent)} (${Math.round(right)} px)`);
  }
}
return {scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 10)};
"""


@pytest.mark.parametrize("phone", list(PHONES))
@pytest.mark.parametrize("page", list(PAGES))
def test_nothing_is_wider_than_a_phone_screen(
    browser: WebDriver, base_url: str, page: str, phone: str
) -> None:
    screen = PHONES[phone]
    emulate_screen(browser, screen)
    try:
        open_page(browser, base_url, PAGES[page])
        result = browser.execute_script(_STICKING_OUT, screen.width)
    finally:
        reset_screen(browser)
    assert not result["found"], (
        f"{PAGES[page]} à {screen.width} px : éléments qui dépassent de l'écran : {result['found']}"
    )
    assert result["scrollWidth"] <= screen.width, (
        f"{PAGES[page]} à {screen.width} px : défilement horizontal "
        f"({result['scrollWidth']} px de large)"
    )


# Every control that starts a search: the theme's search buttons and fields
# (its search dialog, closed, is not visible).
_SEARCH_CONTROLS = """
return [...document.querySelectorAll(
    ".search-button__button, form.bd-search, input[type='search'], input[name='q']")]
  .filter((e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && e.getBoundingClientRect().width > 0
    && !(e.matches("input") && e.closest("form.bd-search")))
  .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
"""


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("page", ["article", "theme", "accueil", "glossaire"])
def test_one_search_control_on_every_width(
    browser: WebDriver, base_url: str, page: str, screen: str
) -> None:
    emulate_screen(browser, SCREENS[screen])
    try:
        open_page(browser, base_url, PAGES[page])
        controls = browser.execute_script(_SEARCH_CONTROLS)
    finally:
        reset_screen(browser)
    assert len(controls) == 1, (
        f"{PAGES[page]} à {SCREENS[screen].width} px : {len(controls)} commandes de "
        f"recherche visibles au lieu d'une : {controls}"
    )


_NAVIGATIONS = """
const visible = (e) => e.checkVisibility({visibilityProperty: true, opacityProperty: true});
return {
  article: [...document.querySelectorAll("section.handbook-neighbours")].filter(visible).length,
  theme: [...document.querySelectorAll(".prev-next-area")].filter(visible).length,
};
"""


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # an article: its « Précédent / Suivant dans le thème » only
        ("article", {"article": 1, "theme": 0}),
        ("article-badge-long", {"article": 1, "theme": 0}),
        # other pages: the theme's footer
        ("theme", {"article": 0, "theme": 1}),
        ("accueil", {"article": 0, "theme": 1}),
    ],
)
def test_one_previous_next_navigation_per_page(
    browser: WebDriver, base_url: str, page: str, expected: dict[str, int], screen: str
) -> None:
    emulate_screen(browser, SCREENS[screen])
    try:
        open_page(browser, base_url, PAGES[page])
        found = browser.execute_script(_NAVIGATIONS)
    finally:
        reset_screen(browser)
    assert found == expected, f"{PAGES[page]} : navigations précédent/suivant {found}"
