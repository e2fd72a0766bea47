"""Reading the handbook on a phone: 390 px wide, no sideways scrolling, 16 px text.

The phone layout (menus folded away) is checked with axe-core by
test_accessibility.py, on every kind of page and in both colour modes.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ARTICLE, HOME, PHONE, THEME, emulate_screen, open_page, reset_screen
from selenium.webdriver.remote.webdriver import WebDriver

PHONE_WIDTH = PHONE.width  # CSS pixels (a current iPhone; most Android phones are 360-412)
PHONE_HEIGHT = PHONE.height
MIN_FONT_PX = 16

PAGES = {"accueil": HOME, "thème": THEME, "article": ARTICLE}


@pytest.fixture(scope="module")
def phone(browser: WebDriver) -> Iterator[WebDriver]:
    """The browser emulating a phone screen (mobile viewport, 1 device pixel per CSS pixel)."""
    emulate_screen(browser, PHONE)
    try:
        yield browser
    finally:
        reset_screen(browser)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "la capture n'est pas un PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


_OVERFLOW = """
const width = window.innerWidth;
return {
  viewport: width,
  scrollWidth: document.documentElement.scrollWidth,
  // visible elements sticking out on the right, to explain a failure
  culprits: [...document.querySelectorAll("body *")]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > width + 1
      && !e.closest(".bd-sidebar-primary, .bd-sidebar-secondary"))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`),
};
"""

_FONT_SIZES = """
return [...document.querySelectorAll("article.bd-article p")]
  .filter((p) => p.checkVisibility() && p.textContent.trim().length > 0)
  .map((p) => [parseFloat(getComputedStyle(p).fontSize), p.textContent.trim().slice(0, 60)]);
"""


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_a_phone_screen(
    phone: WebDriver, base_url: str, tmp_path: Path, name: str
) -> None:
    open_page(phone, base_url, PAGES[name])
    metrics = phone.execute_script(_OVERFLOW)
    assert metrics["viewport"] == PHONE_WIDTH
    assert metrics["scrollWidth"] <= metrics["viewport"], (
        f"{name} : défilement horizontal ({metrics['scrollWidth']} px de large pour "
        f"{metrics['viewport']} px d'écran ; éléments qui dépassent : {metrics['culprits']})"
    )

    sizes = phone.execute_script(_FONT_SIZES)
    assert sizes, f"{name} : pas de paragraphe dans l'article"
    small = [(size, text) for size, text in sizes if size < MIN_FONT_PX]
    assert not small, f"{name} : texte de moins de {MIN_FONT_PX} px : {small[:5]}"

    screenshot = tmp_path / f"{Path(PAGES[name]).stem}-{PHONE_WIDTH}px.png"
    assert phone.save_screenshot(str(screenshot))
    width, height = _png_size(screenshot.read_bytes())
    assert width == PHONE_WIDTH, f"{name} : capture de {width} px de large"
    assert height >= PHONE_HEIGHT // 2
