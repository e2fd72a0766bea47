"""The self-check quiz of a theme page, in Chromium (tools/handbook/site/quiz.py).

Checking a choice, with the mouse or the keyboard, writes into the
question's live region whether it is right, then that choice's explanation;
nothing is stored (cookies, localStorage, sessionStorage) or sent. Without
JavaScript the answer is still one click away (« Voir la réponse »). An
answered quiz stays free of axe-core violations in light and dark mode on a
320 px screen, and nothing in it is wider than that screen. (The theme page
itself, quiz unanswered and answers unfolded, is audited with every other
kind of page by test_accessibility.py.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from browsing import (
    THEME,
    Screen,
    axe_audit,
    describe_violations,
    emulate_screen,
    open_page,
    reset_screen,
    wait,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import DOCS_DIR
except ImportError:  # tests/browser is collected first: import through the repository root
    from tests.sphinx_util import DOCS_DIR

#: the smallest phone screen the quiz is laid out for
NARROW = Screen(320, 640, mobile=True)

#: what the script writes before the explanation (tools/handbook/site/quiz.py)
RIGHT = "Bonne réponse."
WRONG = "Ce n'est pas la bonne réponse."
INTRO_WITH_SCRIPT = (
    "Choisissez une réponse à chaque question : une explication s'affiche aussitôt en "
    "dessous. « Voir la réponse » donne la bonne réponse. Rien n'est enregistré ni envoyé."
)
INTRO_WITHOUT_SCRIPT = (
    "Choisissez une réponse à chaque question, puis ouvrez « Voir la réponse » pour la "
    "vérifier. Rien n'est enregistré ni envoyé."
)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    """The questions of the audited theme page, as written in themes.yaml."""
    themes = yaml.safe_load((DOCS_DIR / "_data" / "themes.yaml").read_text("utf-8"))["themes"]
    (theme,) = [t for t in themes if t["id"] == Path(THEME).stem]
    return theme["quiz"]


def _wrong_index(question: dict) -> int:
    return next(i for i in range(len(question["choices"])) if i + 1 != question["answer"])


def _feedback(browser: WebDriver, number: int) -> str:
    return browser.execute_script(
        "return document.querySelector(arguments[0]).textContent;",
        f"#question-{number} .handbook-quiz-feedback",
    )


def _wait_feedback(browser: WebDriver, number: int, expected: str) -> None:
    wait(
        browser,
        lambda b: _feedback(b, number) == expected,
        f"question {number} : « {expected} » attendu, « {_feedback(browser, number)} » affiché",
    )


def _click_choice(browser: WebDriver, number: int, index: int) -> None:
    label = browser.find_element(
        By.CSS_SELECTOR, f"label[for='question-{number}-{'abcde'[index]}']"
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def test_a_checked_choice_fills_the_live_region(
    browser: WebDriver, base_url: str, questions: list[dict]
) -> None:
    open_page(browser, base_url, THEME)
    intro = browser.find_element(By.CSS_SELECTOR, ".handbook-quiz-intro").text
    assert intro == INTRO_WITH_SCRIPT
    first = questions[0]
    live = browser.find_element(By.CSS_SELECTOR, "#question-1 .handbook-quiz-feedback")
    assert live.get_attribute("aria-live") == "polite" and _feedback(browser, 1) == ""

    wrong = _wrong_index(first)
    _click_choice(browser, 1, wrong)
    explanation = _one_line(first["choices"][wrong]["explanation"])
    _wait_feedback(browser, 1, f"{WRONG} {explanation}")
    fieldset = browser.find_element(By.ID, "question-1")
    assert "is-wrong" in fieldset.get_attribute("class").split()

    right = first["answer"] - 1
    _click_choice(browser, 1, right)
    explanation = _one_line(first["choices"][right]["explanation"])
    _wait_feedback(browser, 1, f"{RIGHT} {explanation}")
    assert "is-right" in fieldset.get_attribute("class").split()
    assert "is-wrong" not in fieldset.get_attribute("class").split()
    # the other questions are not answered
    assert all(_feedback(browser, n) == "" for n in range(2, len(questions) + 1))


def test_the_keyboard_answers_too(browser: WebDriver, base_url: str, questions: list[dict]) -> None:
    open_page(browser, base_url, THEME)
    second = questions[1]
    radio = browser.find_element(By.ID, "question-2-a")
    browser.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", radio
    )
    radio.send_keys(Keys.SPACE)
    verdict = RIGHT if second["answer"] == 1 else WRONG
    _wait_feedback(browser, 2, f"{verdict} {_one_line(second['choices'][0]['explanation'])}")
    # the arrow keys move to the next choice of the same group and check it
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.find_element(By.ID, "question-2-b").is_selected()
    verdict = RIGHT if second["answer"] == 2 else WRONG
    _wait_feedback(browser, 2, f"{verdict} {_one_line(second['choices'][1]['explanation'])}")


_TRACES = """
const entries = (storage) => Object.keys(storage).sort().map((k) => [k, storage.getItem(k)]);
return {
  local: entries(localStorage),
  session: entries(sessionStorage),
  cookie: document.cookie,
  requests: performance.getEntriesByType("resource").map((r) => r.name),
};
"""


def test_answers_are_neither_stored_nor_sent(
    browser: WebDriver, base_url: str, questions: list[dict]
) -> None:
    open_page(browser, base_url, THEME)
    before = browser.execute_script(_TRACES)
    for number, question in enumerate(questions, 1):
        _click_choice(browser, number, _wrong_index(question))
        _click_choice(browser, number, question["answer"] - 1)
        explanation = _one_line(question["choices"][question["answer"] - 1]["explanation"])
        _wait_feedback(browser, number, f"{RIGHT} {explanation}")
    after = browser.execute_script(_TRACES)
    assert after["local"] == before["local"]
    # the theme keeps its sidebar's scroll position there; the quiz adds nothing
    assert after["session"] == before["session"]
    assert after["cookie"] == before["cookie"] == ""
    assert after["requests"] == before["requests"], "requêtes envoyées en répondant"


def test_without_javascript_the_answer_is_one_click_away(
    browser: WebDriver, base_url: str, questions: list[dict]
) -> None:
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(base_url + THEME)
        intro = browser.find_element(By.CSS_SELECTOR, ".handbook-quiz-intro").text
        assert intro == INTRO_WITHOUT_SCRIPT
        first = questions[0]
        right = first["choices"][first["answer"] - 1]
        answer, explanation = browser.find_elements(By.CSS_SELECTOR, "#question-1 details p")
        assert not answer.is_displayed()
        summary = browser.find_element(By.CSS_SELECTOR, "#question-1 summary")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
        summary.click()
        assert answer.is_displayed() and explanation.is_displayed()
        assert answer.text == f"Bonne réponse : {_one_line(right['text'])}"
        assert explanation.text == _one_line(right["explanation"])
        # the radio buttons still work, as a form does
        _click_choice(browser, 1, 0)
        assert browser.find_element(By.ID, "question-1-a").is_selected()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


@pytest.fixture
def narrow(browser: WebDriver) -> Iterator[WebDriver]:
    emulate_screen(browser, NARROW)
    try:
        yield browser
    finally:
        reset_screen(browser)


_WIDER_THAN_SCREEN = """
const width = window.innerWidth;
return [...document.querySelectorAll(".handbook-quiz, .handbook-quiz *")]
  .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > width + 1)
  .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`);
"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_an_answered_quiz_stays_accessible_on_a_narrow_screen(
    narrow: WebDriver, base_url: str, axe_source: str, questions: list[dict], mode: str
) -> None:
    open_page(narrow, base_url, THEME, mode)
    first, second = questions[:2]
    _click_choice(narrow, 1, _wrong_index(first))  # a wrong answer…
    _click_choice(narrow, 2, second["answer"] - 1)  # …and a right one
    _wait_feedback(
        narrow, 2, f"{RIGHT} {_one_line(second['choices'][second['answer'] - 1]['explanation'])}"
    )
    narrow.execute_script(
        "document.querySelectorAll('details').forEach((d) => { d.open = true; });"
    )
    assert narrow.execute_script(_WIDER_THAN_SCREEN) == []
    # back at the top, the theme's floating « Haut de page » button is hidden
    # again: it would stand over the answered question axe checks
    narrow.execute_script("window.scrollTo(0, 0);")
    wait(
        narrow,
        lambda b: not b.find_element(By.ID, "pst-back-to-top").is_displayed(),
        "le bouton « Haut de page » reste affiché en haut de la page",
    )
    results = axe_audit(narrow, axe_source)
    assert not results.violations, describe_violations(results.violations)
    assert not results.incomplete, describe_violations(results.incomplete)
