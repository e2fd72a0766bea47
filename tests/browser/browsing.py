"""Helpers shared by the browser tests (pages, colour modes, search, axe)."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT_S = 15

#: Pages checked by the accessibility and phone tests.
HOME = "index.html"
THEME = "themes/protection-des-donnees.html"
ARTICLE = "articles/lyon-nantes-et-la-rochelle-jettent-les-bases-du-self-data-territorial.html"
GLOSSARY = "glossaire.html"
SEARCH = "search.html"
NOT_FOUND = "404.html"

#: axe-core rule tags: WCAG 2.1, levels A and AA.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def wait(browser: WebDriver, condition, message: str, timeout: float = TIMEOUT_S):
    return WebDriverWait(browser, timeout).until(condition, message)


def open_page(browser: WebDriver, base_url: str, path: str, mode: str = "light") -> None:
    """Load ``path`` in colour ``mode`` (``light`` or ``dark``).

    The pydata/book theme reads the reader's choice from localStorage
    (``mode`` and ``theme``) in a script at the top of every page and sets
    ``data-mode`` / ``data-theme`` on ``<html>`` before the page is painted,
    so the page is loaded once on the site's origin to store the choice, then
    loaded again: no colour transition is running when it is checked.
    """
    url = urljoin(base_url, path)
    browser.get(url)
    browser.execute_script(
        "localStorage.setItem('mode', arguments[0]); localStorage.setItem('theme', arguments[0]);",
        mode,
    )
    browser.get(url)
    wait(
        browser,
        lambda b: b.execute_script("return document.readyState") == "complete",
        f"{path} ne finit pas de se charger",
    )
    theme = browser.execute_script("return document.documentElement.dataset.theme")
    assert theme == mode, f"{path} : thème « {theme} » au lieu de « {mode} »"


# --------------------------------------------------------------------------
# search
# --------------------------------------------------------------------------


def wait_for_search_results(browser: WebDriver, query: str) -> None:
    """Wait until Sphinx's searchtools.js has rendered every result.

    It fills ``#search-results`` with a list (``ul.search``) item by item,
    then writes the summary (« Recherche terminée, … ») in
    ``p.search-summary``.
    """
    wait(
        browser,
        lambda b: b.execute_script(
            "const p = document.querySelector('#search-results p.search-summary');"
            "return p !== null && p.textContent.trim().length > 0;"
        ),
        f"la recherche « {query} » ne se termine pas",
    )


def typed_search(browser: WebDriver, base_url: str, query: str) -> None:
    """Type ``query`` in the search page's field, press Enter, wait for the results."""
    browser.get(urljoin(base_url, SEARCH))
    field = wait(
        browser,
        lambda b: b.find_element(By.CSS_SELECTOR, ".bd-search-container input[name='q']"),
        "pas de champ de recherche sur la page de recherche",
    )
    field.clear()
    field.send_keys(query, Keys.ENTER)
    wait(
        browser,
        lambda b: parse_qs(urlparse(b.current_url).query).get("q") == [query],
        f"la page de recherche ne s'ouvre pas pour « {query} »",
    )
    wait_for_search_results(browser, query)


def result_pages(browser: WebDriver) -> list[str]:
    """Docnames of the search results, in the order shown (best first)."""
    hrefs = browser.execute_script(
        "return [...document.querySelectorAll('#search-results ul.search > li')]"
        ".map(li => li.querySelector('a').getAttribute('href'));"
    )
    pages = []
    for href in hrefs:
        path = urlparse(href).path
        pages.append(path.removesuffix(".html"))
    return pages


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------

_RUN_AXE = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then((results) => done(results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      summary: node.failureSummary,
    })),
  }))))
  .catch((error) => done({error: String(error)}));
"""


def axe_violations(browser: WebDriver, axe_source: str) -> list[dict]:
    """Violations of WCAG 2.1 A/AA rules in the current page, of any impact."""
    if not browser.execute_script("return typeof axe !== 'undefined'"):
        browser.execute_script(axe_source)
    result = browser.execute_async_script(_RUN_AXE, list(WCAG_TAGS))
    if isinstance(result, dict):
        raise AssertionError(f"axe-core a échoué : {result.get('error')}")
    return result


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}) : {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(str(node["summary"]).split())
            lines.append(f"    {node['target']} — {summary}")
    return "\n".join(lines)
