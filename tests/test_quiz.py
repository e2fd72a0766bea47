"""Self-check quizzes: the ``quiz`` of docs/_data/themes.yaml and ``{handbook-quiz}``.

* the data: a bad question is a French error naming the file and its line;
  every theme of the real file has at least three questions;
* the directive's content (one JSON question per line) survives any text;
* real strict Sphinx builds: each theme page of the real handbook shows its
  questions as fieldsets with a legend, one radio group each, an
  ``aria-live`` region and the answer folded in a ``<details>``; hostile text
  stays text; the script and style sheet are only on pages with a quiz; a
  bad ``{handbook-quiz}`` fails the strict build; an edited question reaches
  its theme page in an incremental build, which reads nothing else again. The EPUB side is in
  tests/test_epub.py, the browser side in tests/browser/test_quiz_browser.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from handbook.commands.check import run_check
from handbook.common.errors import ConfigError
from handbook.data.themes import load_taxonomy
from handbook.site.quiz import quiz_lines, read_question

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import DOCS_DIR, PYPROJECT, HandbookBuild, build, describe, make_project
except ImportError:  # tests/ became a package
    from tests.sphinx_util import (
        DOCS_DIR,
        PYPROJECT,
        HandbookBuild,
        build,
        describe,
        make_project,
    )

REAL_THEMES = DOCS_DIR / "_data" / "themes.yaml"
#: the small handbook of tests/test_sphinxext.py (its themes have no quiz)
TEST_HANDBOOK = Path(__file__).parent / "roots" / "sphinxext"

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


def test_the_real_questions_are_valid() -> None:
    themes = load_taxonomy(REAL_THEMES.parents[2])
    for theme in themes:
        for number, question in enumerate(theme.data["quiz"], 1):
            # the right answer is a choice, every choice has its explanation
            assert read_question(quiz_lines([question])[0], number).answer == question["answer"]


# --------------------------------------------------------------------------
# the directive's content
# --------------------------------------------------------------------------

HOSTILE = {
    "question": "Que fait <script>alert('x')</script> & « ceci » ?\u2028:::",
    "choices": [
        {"text": "```{raw} html", "explanation": 'Un "guillemet" et <b>gras</b>.'},
        {"text": ":::{danger}", "explanation": "Rien : c'est du texte\u2029."},
    ],
    "answer": 1,
}


def test_one_line_per_question_whatever_the_text() -> None:
    lines = quiz_lines([HOSTILE, HOSTILE])
    assert len(lines) == 2 and lines[0] == lines[1]
    assert lines[0].splitlines() == [lines[0]]  # MyST's own line cutting
    assert lines[0].startswith('{"question": "Que fait <script>')
    question = read_question(lines[0], 1)
    assert question.question == "Que fait <script>alert('x')</script> & « ceci » ? :::"
    assert question.choices == ("```{raw} html", ":::{danger}")
    assert question.explanations == ('Un "guillemet" et <b>gras</b>.', "Rien : c'est du texte .")
    assert question.answer == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "pas du JSON",
            "question 3 du questionnaire illisible : une question par ligne, en JSON, est "
            "attendue (erreur à la colonne 1).",
        ),
        (
            '["une liste"]',
            "question 3 du questionnaire illisible : une question par ligne, en JSON, est "
            "attendue (la ligne n'est pas un objet {…}).",
        ),
        ('{"choices": [], "answer": 1}', "question 3 du questionnaire : l'énoncé"),
        (
            '{"question": "Q ?", "choices": [{"text": "A", "explanation": "E"}], "answer": 1}',
            "question 3 du questionnaire : il faut de 2 à 5 choix",
        ),
        (
            '{"question": "Q ?", "choices": [{"text": "A"}, {"text": "B", "explanation": "E"}],'
            ' "answer": 1}',
            "question 3 du questionnaire : il faut de 2 à 5 choix",
        ),
        (
            '{"question": "Q ?", "choices": [{"text": "A", "explanation": "E"},'
            ' {"text": "B", "explanation": "F"}], "answer": 3}',
            "question 3 du questionnaire : « answer » doit être le numéro d'un des choix (de 1 à 2).",
        ),
        (
            '{"question": "Q ?", "choices": [{"text": "A", "explanation": "E"},'
            ' {"text": "B", "explanation": "F"}], "answer": true}',
            "« answer » doit être le numéro d'un des choix",
        ),
    ],
)
def test_a_bad_line_is_refused_in_french(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        read_question(line, 3)


# --------------------------------------------------------------------------
# real builds
# --------------------------------------------------------------------------


def _page_with_quiz(questions: list[dict]) -> str:
    lines = quiz_lines(questions)
    return "# Questions\n\n:::{handbook-quiz}\n" + "\n".join(lines) + "\n:::\n"


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny project with the real configuration: one page with a hostile quiz, one without."""
    root = tmp_path_factory.mktemp("quiz")
    return make_project(
        root, {"questions": _page_with_quiz([HOSTILE]), "autre": "# Autre page\n\nDu texte.\n"}
    )


@pytest.mark.sphinx
def test_hostile_question_text_stays_text_in_html(hostile_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = build(hostile_project, out)
    assert result.returncode == 0, describe(result)
    page = BeautifulSoup((out / "questions.html").read_text("utf-8"), "html.parser")
    body = page.select_one("article.bd-article")
    assert body.find("script") is None and body.find("b") is None
    (fieldset,) = body.select("fieldset.handbook-quiz-question")
    legend = fieldset.find("legend")
    assert legend.get_text(" ", strip=True) == (
        "Question 1. Que fait <script>alert('x')</script> & « ceci » ? :::"
    )
    radios = fieldset.select("input[type=radio]")
    assert [r["value"] for r in radios] == ["1", "2"]
    assert [r["data-explanation"] for r in radios] == [
        'Un "guillemet" et <b>gras</b>.',
        "Rien : c'est du texte .",
    ]
    labels = [fieldset.select_one(f"label[for={r['id']}]").get_text() for r in radios]
    assert labels == ["```{raw} html", ":::{danger}"]
    assert fieldset["data-answer"] == "1"
    answer = fieldset.select_one("details.handbook-quiz-answer").get_text(" ", strip=True)
    assert answer == 'Voir la réponse Bonne réponse : ```{raw} html Un "guillemet" et <b>gras</b>.'
    # the script and its style sheet are on the page with a quiz, and only there
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert any(s.startswith("_static/handbook-quiz.js") for s in scripts)
    assert any(
        link["href"].startswith("_static/handbook-quiz.css")
        for link in page.find_all("link", rel="stylesheet")
    )
    other = (out / "autre.html").read_text("utf-8")
    assert "handbook-quiz" not in other
    assert (out / "_static" / "handbook-quiz.js").is_file()


@pytest.mark.sphinx
def test_hostile_question_text_stays_text_in_epub(hostile_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "epub"
    result = build(hostile_project, out, ["-d", str(tmp_path / "doctrees")], builder="epub")
    assert result.returncode == 0, describe(result)
    (book,) = out.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        assert not [n for n in archive.namelist() if n.endswith(".js")]
        page = BeautifulSoup(archive.read("questions.xhtml").decode("utf-8"), "html.parser")
    quiz = page.select_one("div.handbook-quiz")
    assert quiz.find(["fieldset", "input", "script", "b"]) is None
    texts = [p.get_text(" ", strip=True) for p in quiz.find_all("p")]
    assert texts == [
        "Les réponses, avec leur explication, suivent les questions.",
        "Question 1. Que fait <script>alert('x')</script> & « ceci » ? :::",
        "```{raw} html",
        ":::{danger}",
        "Réponses",
        "Question 1 : a) ```{raw} html",
        'Un "guillemet" et <b>gras</b>.',
    ]


@pytest.mark.sphinx
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"question": "Q ?"', "question 1 du questionnaire illisible"),
        ("", "questionnaire vide : aucune question."),
    ],
)
def test_a_bad_quiz_fails_the_strict_build(tmp_path: Path, content: str, message: str) -> None:
    docs = make_project(
        tmp_path, {"questions": f"# Questions\n\n:::{{handbook-quiz}}\n{content}\n:::\n"}
    )
    result = build(docs, tmp_path / "html")
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "[handbook.quiz]" in line]
    assert len(warnings) == 1 and message in warnings[0], result.stderr
    assert "questions.md:3" in warnings[0]


@pytest.mark.sphinx
def test_an_edited_question_reaches_its_theme_page_and_only_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(TEST_HANDBOOK, docs, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy2(PYPROJECT, tmp_path / "pyproject.toml")
    for name in ("conf.py", "docutils.conf"):
        shutil.copy2(DOCS_DIR / name, docs / name)
    data = docs / "_data" / "themes.yaml"
    themes = yaml.safe_load(data.read_text("utf-8"))
    (theme,) = [t for t in themes["themes"] if t["id"] == "protection-des-donnees"]
    theme["quiz"] = [
        {
            "question": "Que protège le RGPD ?",
            "choices": [
                {"text": "Les données personnelles", "explanation": "C'est son objet."},
                {"text": "Les mots de passe seulement", "explanation": "Pas seulement."},
            ],
            "answer": 1,
        }
    ]
    data.write_text(yaml.safe_dump(themes, allow_unicode=True), "utf-8")
    out = tmp_path / "html"
    first = build(docs, out, ["-j", "1"])
    assert first.returncode == 0, describe(first)
    page = out / "themes" / "protection-des-donnees.html"
    assert "Que protège le RGPD ?" in page.read_text("utf-8")

    data.write_text(data.read_text("utf-8").replace("Que protège", "Que couvre"), "utf-8")
    second = build(docs, out, ["-j", "1"])
    assert second.returncode == 0, describe(second)
    text = page.read_text("utf-8")
    assert "Que couvre le RGPD ?" in text and "Que protège" not in text
    # the generated theme page is the only page read again
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", second.stdout)
    assert counts is not None and counts.groups() == ("0", "1", "0"), second.stdout


def test_every_theme_page_shows_its_quiz_as_a_form(real_handbook: HandbookBuild) -> None:
    themes = yaml.safe_load(REAL_THEMES.read_text("utf-8"))["themes"]
    for theme in themes:
        html = (real_handbook.html / "themes" / f"{theme['id']}.html").read_text("utf-8")
        body = BeautifulSoup(html, "html.parser").select_one("article.bd-article")
        section = body.select_one("section#testez-vos-connaissances")
        assert section is not None and section.h2.get_text() == "Testez vos connaissances#"
        fieldsets = section.select("div.handbook-quiz > fieldset")
        assert len(fieldsets) == len(theme["quiz"]), theme["id"]
        groups = set()
        for number, (fieldset, question) in enumerate(
            zip(fieldsets, theme["quiz"], strict=True), 1
        ):
            where = f"{theme['id']}, question {number}"
            legend = fieldset.find("legend", recursive=False)
            wanted = f"Question {number}. " + " ".join(question["question"].split())
            assert legend.get_text(" ", strip=True) == wanted, where
            radios = fieldset.select("input[type=radio]")
            names = {radio["name"] for radio in radios}
            assert len(names) == 1 and not names & groups, where
            groups |= names
            shown = [fieldset.select_one(f"label[for={r['id']}]").get_text() for r in radios]
            assert shown == [" ".join(c["text"].split()) for c in question["choices"]], where
            live = fieldset.select('[aria-live="polite"]')
            assert len(live) == 1 and live[0].get_text() == "", where
            right = question["choices"][question["answer"] - 1]
            answer = fieldset.select_one("details.handbook-quiz-answer")
            assert answer.summary.get_text() == "Voir la réponse" and answer.get("open") is None
            assert " ".join(right["text"].split()) in answer.get_text(), where
            assert " ".join(right["explanation"].split()) in answer.get_text(), where
