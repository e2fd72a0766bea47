"""Self-check quizzes (``{handbook-quiz}``): multiple-choice questions that need no server.

Usage (every theme page generated from ``docs/_data/themes.yaml`` with a
``quiz`` holds one, written by :func:`quiz_lines`)::

    :::{handbook-quiz}
    {"question": "…", "choices": [{"text": "…", "explanation": "…"}, …], "answer": 2}
    :::

one question per line, as JSON; ``answer`` is the number of the right
choice, counting from 1. The page's text thus changes whenever a question
does, so Sphinx's incremental build reads it again.

Rendered late, builder by builder:

* **HTML** (``html``, ``dirhtml``, ``singlehtml``): each question is a
  ``<fieldset>`` whose ``<legend>`` is the question, with one group of native
  radio buttons (``<input type="radio">`` and its ``<label>``), an empty
  ``aria-live="polite"`` region and a closed ``<details>`` « Voir la
  réponse » holding the right choice and its explanation, so that the page
  is usable without JavaScript. ``_static/handbook-quiz.js`` and
  ``_static/handbook-quiz.css`` are added to the pages holding a quiz, and
  to no other: when a choice is checked, the script writes into the live
  region whether it is right, and that choice's explanation. Nothing is
  stored (no cookie, no ``localStorage``) and nothing is sent.
* **every other builder**, the EPUB first: a post-transform replaces the
  quiz with plain nodes, the questions and their lettered choices, then
  « Réponses »: each question's right choice and its explanation. No form,
  no script (the JavaScript file is never added to an EPUB).

Every text is written as text: :func:`html.escape` in the HTML visitor,
:class:`docutils.nodes.Text` elsewhere. The French text the reader sees,
the script's labels included (passed as ``data-`` attributes), is below.
"""

from __future__ import annotations

import html
import json
import string
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .state import HTML_BUILDERS

__all__ = ["Question", "QuizDirective", "quiz", "quiz_lines", "quiz_question", "read_question"]

logger = logging.getLogger(__name__)

QUIZ_JS = "handbook-quiz.js"
QUIZ_CSS = "handbook-quiz.css"
#: builders that get the interactive quiz (the EPUB builder, also "html"
#: in format, gets the plain one)
INTERACTIVE_BUILDERS = HTML_BUILDERS
#: the letters of the choices in the plain quiz (a, b, c…)
LETTERS = string.ascii_lowercase
#: choices per question, as in the schema of themes.yaml
MIN_CHOICES, MAX_CHOICES = 2, 5

# -- what the reader sees ------------------------------------------------------

#: shown above the questions in HTML, until the script replaces it by INTRO_JS
INTRO_NO_JS = (
    "Choisissez une réponse à chaque question, puis ouvrez « Voir la réponse » pour la "
    "vérifier. Rien n'est enregistré ni envoyé."
)
INTRO_JS = (
    "Choisissez une réponse à chaque question : une explication s'affiche aussitôt "
    "en dessous. « Voir la réponse » donne la bonne réponse. Rien n'est enregistré ni envoyé."
)
#: shown above the questions in the EPUB and other builders
INTRO_PLAIN = "Les réponses, avec leur explication, suivent les questions."
QUESTION_LABEL = "Question {number}."
SHOW_ANSWER = "Voir la réponse"
RIGHT_ANSWER = "Bonne réponse :"
ANSWERS_HEADING = "Réponses"
ANSWER_LABEL = "Question {number} : {letter})"
#: written by the script before the explanation of the checked choice
VERDICT_RIGHT = "Bonne réponse."
VERDICT_WRONG = "Ce n'est pas la bonne réponse."

# -- warnings ---------------------------------------------------------------

MSG_NOT_JSON = (
    "question {number} du questionnaire illisible : une question par ligne, en JSON, est "
    "attendue ({detail})."
)
MSG_JSON_COLUMN = "erreur à la colonne {column}"
MSG_JSON_NOT_OBJECT = "la ligne n'est pas un objet {…}"
MSG_NO_QUESTION = "question {number} du questionnaire : l'énoncé (« question ») manque."
MSG_CHOICES = (
    "question {number} du questionnaire : il faut de {least} à {most} choix, chacun avec son texte "
    "(« text ») et son explication (« explanation »)."
)
MSG_ANSWER = (
    "question {number} du questionnaire : « answer » doit être le numéro d'un des choix "
    "(de 1 à {count})."
)
MSG_EMPTY = "questionnaire vide : aucune question."


# --------------------------------------------------------------------------
# the directive's content: one question per line, as JSON
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One question, its choices with their explanations, and the right one (from 1)."""

    question: str
    choices: tuple[str, ...]
    explanations: tuple[str, ...]
    answer: int


def _one_line(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def quiz_lines(questions: list[dict[str, Any]]) -> list[str]:
    """The content lines of a ``{handbook-quiz}`` for questions shaped as in themes.yaml.

    One JSON object per line. Line separators that JSON leaves as they are
    (U+0085, U+2028, U+2029: MyST would cut the line there) are escaped;
    every other character stays readable.
    """
    lines = []
    for item in questions:
        line = json.dumps(
            {
                "question": item["question"],
                "choices": [
                    {"text": c["text"], "explanation": c["explanation"]} for c in item["choices"]
                ],
                "answer": item["answer"],
            },
            ensure_ascii=False,
        )
        for separator in ("\x85", "\u2028", "\u2029"):
            line = line.replace(separator, f"\\u{ord(separator):04x}")
        lines.append(line)
    return lines


def read_question(line: str, number: int) -> Question:
    """One content line; ``ValueError`` with a French message when it is not a question."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        detail = MSG_JSON_COLUMN.format(column=error.colno)
        raise ValueError(MSG_NOT_JSON.format(number=number, detail=detail)) from None
    if not isinstance(item, dict):
        raise ValueError(MSG_NOT_JSON.format(number=number, detail=MSG_JSON_NOT_OBJECT))
    question = _one_line(item.get("question"))
    if not question:
        raise ValueError(MSG_NO_QUESTION.format(number=number))
    choices = item.get("choices")
    wrong_choices = MSG_CHOICES.format(number=number, least=MIN_CHOICES, most=MAX_CHOICES)
    if not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise ValueError(wrong_choices)
    texts, explanations = [], []
    for choice in choices:
        text = _one_line(choice.get("text")) if isinstance(choice, dict) else ""
        explanation = _one_line(choice.get("explanation")) if isinstance(choice, dict) else ""
        if not (text and explanation):
            raise ValueError(wrong_choices)
        texts.append(text)
        explanations.append(explanation)
    answer = item.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= len(texts):
        raise ValueError(MSG_ANSWER.format(number=number, count=len(texts)))
    return Question(question, tuple(texts), tuple(explanations), answer)


# --------------------------------------------------------------------------
# nodes
# --------------------------------------------------------------------------


class quiz(nodes.General, nodes.Element):
    """A quiz: its :class:`quiz_question` children, in order."""


class quiz_question(nodes.General, nodes.Element):
    """One question, as attributes: ``question``, ``choices``, ``explanations``
    (lists of texts), ``answer`` (from 1), ``number`` (in its quiz) and its id."""

    def data(self) -> Question:
        return Question(
            self["question"], tuple(self["choices"]), tuple(self["explanations"]), self["answer"]
        )


class QuizDirective(SphinxDirective):
    """``{handbook-quiz}``: one question per content line, as JSON."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        lines = [line for line in self.content if line.strip()]
        questions = []
        for number, line in enumerate(lines, 1):
            try:
                questions.append(read_question(line, number))
            except ValueError as error:
                return self._warn(str(error))
        if not questions:
            return self._warn(MSG_EMPTY)
        node = quiz()
        self.set_source_info(node)
        document = self.state.document
        for number, question in enumerate(questions, 1):
            serial = self.env.new_serialno("handbook-quiz-question") + 1
            ident = f"question-{serial}"
            while ident in document.ids:
                ident += "-quiz"
            item = quiz_question(
                question=question.question,
                choices=list(question.choices),
                explanations=list(question.explanations),
                answer=question.answer,
                number=number,
                ids=[ident],
            )
            document.ids[ident] = item
            node += item
        return [node]

    def _warn(self, message: str) -> list[nodes.Node]:
        logger.warning(message, type="handbook", subtype="quiz", location=self.get_location())
        return []


# --------------------------------------------------------------------------
# HTML: a form that works without a server (and, answers folded, without JS)
# --------------------------------------------------------------------------


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def question_html(node: quiz_question) -> str:
    """The ``<fieldset>`` of one question."""
    data, ident = node.data(), node["ids"][0]
    number = QUESTION_LABEL.format(number=node["number"])
    parts = [
        f'<fieldset class="handbook-quiz-question" id="{_escape(ident)}" '
        f'data-answer="{data.answer}">',
        f'<legend><span class="handbook-quiz-number">{_escape(number)}</span> '
        f"{_escape(data.question)}</legend>",
        '<div class="handbook-quiz-choices">',
    ]
    for index, (text, explanation) in enumerate(zip(data.choices, data.explanations, strict=True)):
        choice = f"{ident}-{LETTERS[index]}"
        parts.append(
            f'<div class="handbook-quiz-choice"><input type="radio" name="{_escape(ident)}" '
            f'id="{_escape(choice)}" value="{index + 1}" '
            f'data-explanation="{_escape(explanation)}">'
            f'<label for="{_escape(choice)}">{_escape(text)}</label></div>'
        )
    right = data.answer - 1
    parts += [
        "</div>",
        '<div class="handbook-quiz-feedback" aria-live="polite"></div>',
        '<details class="handbook-quiz-answer">',
        f"<summary>{_escape(SHOW_ANSWER)}</summary>",
        f"<p><strong>{_escape(RIGHT_ANSWER)}</strong> {_escape(data.choices[right])}</p>",
        f"<p>{_escape(data.explanations[right])}</p>",
        "</details>",
        "</fieldset>",
    ]
    return "\n".join(parts) + "\n"


def visit_quiz_html(self: Any, node: quiz) -> None:
    self.body.append(
        f'<div class="handbook-quiz" data-intro="{_escape(INTRO_JS)}" '
        f'data-right="{_escape(VERDICT_RIGHT)}" data-wrong="{_escape(VERDICT_WRONG)}">\n'
        f'<p class="handbook-quiz-intro">{_escape(INTRO_NO_JS)}</p>\n'
    )


def depart_quiz_html(self: Any, node: quiz) -> None:
    self.body.append("</div>\n")


def visit_question_html(self: Any, node: quiz_question) -> None:
    self.body.append(question_html(node))
    raise nodes.SkipNode


# --------------------------------------------------------------------------
# other builders (EPUB…): questions, then their answers, as plain nodes
# --------------------------------------------------------------------------


def plain_quiz(questions: list[quiz_question], document: nodes.document) -> nodes.container:
    """The questions with their lettered choices, then « Réponses »; each
    question's id moves to its paragraph."""
    box = nodes.container(classes=["handbook-quiz"])
    box += nodes.paragraph(text=INTRO_PLAIN)
    for node in questions:
        data = node.data()
        prompt = nodes.paragraph(ids=list(node["ids"]))
        for ident in node["ids"]:
            document.ids[ident] = prompt
        prompt += nodes.strong(text=QUESTION_LABEL.format(number=node["number"]))
        prompt += nodes.Text(" " + data.question)
        choices = nodes.enumerated_list(enumtype="loweralpha", prefix="", suffix=")")
        for text in data.choices:
            choices += nodes.list_item("", nodes.paragraph(text=text))
        box += [prompt, choices]
    box += nodes.rubric(text=ANSWERS_HEADING)
    for node in questions:
        data = node.data()
        label = ANSWER_LABEL.format(number=node["number"], letter=LETTERS[data.answer - 1])
        answer = nodes.paragraph()
        answer += nodes.strong(text=label)
        answer += nodes.Text(" " + data.choices[data.answer - 1])
        box += [answer, nodes.paragraph(text=data.explanations[data.answer - 1])]
    return box


def _interactive(app: Sphinx) -> bool:
    return app.builder.name in INTERACTIVE_BUILDERS


class PlainQuiz(SphinxPostTransform):
    """Replace the quizzes by plain text for every builder but the HTML ones."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if _interactive(self.app):
            return
        for node in list(self.document.findall(quiz)):
            questions = [q for q in node.children if isinstance(q, quiz_question)]
            node.replace_self(plain_quiz(questions, self.document))


# --------------------------------------------------------------------------
# assets and setup
# --------------------------------------------------------------------------


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Only the pages holding a quiz load its script and style sheet."""
    if doctree is not None and _interactive(app) and next(doctree.findall(quiz), None):
        app.add_css_file(QUIZ_CSS)
        app.add_js_file(QUIZ_JS, loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("handbook-quiz", QuizDirective)
    app.add_node(quiz, html=(visit_quiz_html, depart_quiz_html))
    app.add_node(quiz_question, html=(visit_question_html, None))
    app.add_post_transform(PlainQuiz)
    app.connect("html-page-context", _add_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
