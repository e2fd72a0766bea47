"""Self-check quizzes: the ``quiz`` of docs/_data/themes.yaml.

A bad question (no right answer, a right answer that is not a choice, a
choice without explanation…) is a French error naming the file and its line;
every theme of the real file has at least three questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handbook.commands.check import run_check
from handbook.common.errors import ConfigError
from handbook.data.themes import load_taxonomy

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import DOCS_DIR
except ImportError:  # tests/ became a package
    from tests.sphinx_util import DOCS_DIR

REAL_THEMES = DOCS_DIR / "_data" / "themes.yaml"

#: A themes file with one theme and one question; the line numbers used
#: below are counted by hand on this text (line 1 is « themes: »).
THEMES = """\
themes:
  - id: essai
    title: "Essai"
    description: "Un thème pour les tests."
    objectives:
      - "Définir un essai."
      - "Identifier un essai."
      - "Rédiger un essai."
    keywords:
      - {term: "essai", weight: 3}
    exercises:
      - title: "Un essai"
        question: "Qu'est-ce qu'un essai ?"
        solution: "Une tentative."
    quiz:
      - question: "Combien font deux et deux ?"
        choices:
          - text: "Trois"
            explanation: "Il manque un."
          - text: "Quatre"
            explanation: "Deux et deux font quatre."
        answer: 2
"""


def _themes_root(tmp_path: Path, text: str) -> Path:
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "_data" / "themes.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        load_taxonomy(_themes_root(tmp_path, text))
    return str(info.value)


# --------------------------------------------------------------------------
# the data
# --------------------------------------------------------------------------


def test_a_valid_question_is_loaded_as_written(tmp_path: Path) -> None:
    (theme,) = load_taxonomy(_themes_root(tmp_path, THEMES))
    assert theme.data["quiz"] == [
        {
            "question": "Combien font deux et deux ?",
            "choices": [
                {"text": "Trois", "explanation": "Il manque un."},
                {"text": "Quatre", "explanation": "Deux et deux font quatre."},
            ],
            "answer": 2,
        }
    ]


def test_a_question_without_right_answer_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = THEMES.replace("        answer: 2\n", "")
    assert _error(tmp_path, text) == (
        "docs/_data/themes.yaml:16 : valeur invalide à « themes/0/quiz/0 » : "
        "champ obligatoire manquant : answer."
    )


def test_a_right_answer_that_is_not_a_choice_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = THEMES.replace("answer: 2", "answer: 3")
    assert _error(tmp_path, text) == (
        "docs/_data/themes.yaml:22 : thème « essai », question 1 : la bonne réponse "
        "(answer: 3) ne désigne aucun choix, la question n'en a que 2 (numérotés de 1 à 2)."
    )


def test_a_choice_without_explanation_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = THEMES.replace('            explanation: "Deux et deux font quatre."\n', "")
    assert _error(tmp_path, text) == (
        "docs/_data/themes.yaml:20 : valeur invalide à « themes/0/quiz/0/choices/1 » : "
        "champ obligatoire manquant : explanation."
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ('"Quatre"', "doit être un nombre entier."),
        ("0", "valeur hors limites (minimum 1)."),
    ],
)
def test_a_right_answer_is_the_number_of_a_choice(
    tmp_path: Path, answer: str, message: str
) -> None:
    text = THEMES.replace("answer: 2", f"answer: {answer}")
    assert _error(tmp_path, text) == (
        f"docs/_data/themes.yaml:22 : valeur invalide à « themes/0/quiz/0/answer » : {message}"
    )


def test_two_identical_choices_are_an_error_with_their_line(tmp_path: Path) -> None:
    text = THEMES.replace('text: "Quatre"', 'text: "TROIS"')
    assert _error(tmp_path, text) == (
        "docs/_data/themes.yaml:20 : thème « essai », question 1 : le choix « TROIS » est "
        "en double (choix 1 et 2)."
    )


def test_handbook_check_reports_a_bad_question_with_its_line(tmp_path: Path) -> None:
    root = _themes_root(tmp_path, THEMES.replace("answer: 2", "answer: 5"))
    found = [p.format() for p in run_check(root) if p.path == "docs/_data/themes.yaml"]
    assert len(found) == 1
    assert found[0].startswith("docs/_data/themes.yaml:22: thème « essai », question 1 :")


def test_every_theme_has_at_least_three_questions() -> None:
    themes = yaml.safe_load(REAL_THEMES.read_text("utf-8"))["themes"]
    counts = {theme["id"]: len(theme.get("quiz") or []) for theme in themes}
    assert len(counts) == 8
    assert all(count >= 3 for count in counts.values()), counts
