"""The course themes: ``docs/_data/themes.yaml``, loaded and validated.

Each theme has an id, a title, a description, objectives, exercises,
weighted keywords (the classifier's priors, which instructors control) and,
optionally, a self-check quiz (multiple-choice questions, each choice with
its explanation). Besides the schema, :func:`load_taxonomy` checks that each
question's ``answer`` names one of its choices and that no two choices of a
question are the same; problems raise
:class:`~handbook.common.errors.ConfigError` with the line of the offending
value, in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..common.errors import ConfigError
from ..common.layout import THEMES_FILE, display
from ..common.text import fold_term, stems
from .yamlfile import line_of, load_yaml

__all__ = ["THEMES_FILE", "Keyword", "Theme", "load_taxonomy"]

# Messages of the checks the schema cannot express, kept together.
MSG_ANSWER_OUT_OF_CHOICES = (
    "thème « {theme} », question {number} : la bonne réponse (answer: {answer}) ne désigne "
    "aucun choix, la question n'en a que {count} (numérotés de 1 à {count})."
)
MSG_DUPLICATE_CHOICE = (
    "thème « {theme} », question {number} : le choix « {text} » est en double "
    "(choix {first} et {second})."
)


@dataclass(frozen=True)
class Keyword:
    term: str
    stems: tuple[str, ...]
    weight: int


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    keywords: tuple[Keyword, ...]
    data: dict[str, Any]


def load_taxonomy(root: Path, data_dir: Path | None = None) -> tuple[Theme, ...]:
    """Load and validate the themes file (``docs/_data/themes.yaml`` by default)."""
    path = (data_dir / THEMES_FILE.name) if data_dir is not None else root / THEMES_FILE
    shown = display(path, root)
    data = load_yaml(path, shown, schema="themes")
    _check_quizzes(data, path, shown)
    themes = []
    for item in data["themes"]:
        keywords = tuple(
            Keyword(k["term"], tuple(stems(k["term"])), int(k["weight"]))
            for k in item.get("keywords", [])
            if stems(k["term"])
        )
        themes.append(Theme(item["id"], item["title"], keywords, item))
    return tuple(themes)


def _check_quizzes(data: dict[str, Any], path: Path, shown: str) -> None:
    """What the schema cannot check in the quizzes (the data is schema-valid)."""

    def line(*where: Any) -> int | None:
        # composed only to locate a problem: a valid file is parsed once
        return line_of(yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader), list(where))

    for t_index, theme in enumerate(data["themes"]):
        for q_index, question in enumerate(theme.get("quiz") or []):
            number, count = q_index + 1, len(question["choices"])
            if question["answer"] > count:
                message = MSG_ANSWER_OUT_OF_CHOICES.format(
                    theme=theme["id"], number=number, answer=question["answer"], count=count
                )
                raise ConfigError(
                    shown, message, line("themes", t_index, "quiz", q_index, "answer")
                )
            seen: dict[str, int] = {}
            for c_index, choice in enumerate(question["choices"]):
                key = fold_term(choice["text"])
                if key in seen:
                    message = MSG_DUPLICATE_CHOICE.format(
                        theme=theme["id"],
                        number=number,
                        text=choice["text"],
                        first=seen[key] + 1,
                        second=c_index + 1,
                    )
                    where = ("themes", t_index, "quiz", q_index, "choices", c_index, "text")
                    raise ConfigError(shown, message, line(*where))
                seen[key] = c_index
