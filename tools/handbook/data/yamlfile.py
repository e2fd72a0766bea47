"""Load instructor-editable YAML files safely, validate them, locate errors.

YAML is always loaded with the safe loader (no ``!!python/object`` tags).
Schema errors are reported in French with the file and the line of the
offending value, e.g. ``docs/_data/themes.yaml:12 : …``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..common.errors import ConfigError
from ..common.frontmatter import FAST_SAFE_LOADER


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``handbook/data/schemas/<name>.schema.json``."""
    text = (
        resources.files("handbook").joinpath(f"data/schemas/{name}.schema.json").read_text("utf-8")
    )
    return json.loads(text)


def line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """Follow a JSON path through a composed YAML node; return its 1-based line."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def load_yaml(path: Path, shown: str, schema: str | None = None) -> Any:
    """Parse ``path`` safely; validate against ``schema`` if given."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ConfigError(shown, "fichier introuvable.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, f"lecture impossible ({exc}).") from None
    try:
        data = yaml.load(text, Loader=FAST_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(shown, f"YAML invalide : {problem}.", line) from None
    if schema is not None:
        validator = jsonschema.Draft202012Validator(load_schema(schema))
        problems = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
        if problems:
            # composed only now, to find the line: a valid file is parsed once
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            first = problems[0]
            where = "/".join(str(p) for p in first.absolute_path) or "(racine)"
            raise ConfigError(
                shown,
                f"valeur invalide à « {where} » : {french_schema_message(first)}",
                line_of(node, list(first.absolute_path)),
            )
    return data


def french_schema_message(error: jsonschema.ValidationError) -> str:
    """A short French explanation of one JSON Schema error."""
    kind = error.validator
    # Any: a validator sets both on every error it reports (the stubs also
    # allow jsonschema's "unset" marker, left on errors built by hand)
    value: Any = error.validator_value
    instance: Any = error.instance
    if kind == "required":
        missing = [name for name in value if name not in (instance or {})]
        return f"champ obligatoire manquant : {', '.join(missing)}."
    if kind == "type":
        names = {
            "string": "un texte",
            "integer": "un nombre entier",
            "array": "une liste",
            "object": "un dictionnaire",
            "number": "un nombre",
            "boolean": "vrai/faux",
            "null": "vide",
        }
        wanted: list[str] = value if isinstance(value, list) else [value]
        return "doit être " + " ou ".join(names.get(w, w) for w in wanted) + "."
    if kind == "pattern":
        return f"« {instance} » n'a pas la forme attendue ({value})."
    if kind == "enum":
        return "doit être l'une des valeurs : " + ", ".join(map(str, value)) + "."
    if kind == "additionalProperties":
        return f"champ inconnu ({error.message.split('(')[-1].rstrip(')')})."
    if kind in {"minItems", "maxItems"}:
        return f"nombre d'éléments incorrect (attendu : {kind} {value})."
    if kind in {"minimum", "maximum"}:
        return f"valeur hors limites ({kind} {value})."
    if kind == "minLength":
        return "ne doit pas être vide."
    if kind == "format":
        return f"format attendu : {value}."
    return error.message
