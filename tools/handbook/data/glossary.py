"""The course glossary: ``docs/_data/glossary.yaml``, loaded and checked.

The file is edited by instructors; :func:`load_glossary` validates it against
the ``glossary`` JSON Schema, then checks what a schema cannot express:

* every term and alias is unique, ignoring letter case and accents
  (``Réseau social`` and ``reseau social`` are the same term);
* two different entries never differ only by a plural ``s``/``x`` at the end
  of a word (``donnée personnelle`` / ``données personnelles``): the
  automatic links of the articles could not tell them apart (an entry may
  list its own plural as an alias);
* entries are in alphabetical order, ignoring case and accents, as the file
  header asks (so that instructors find a term where they expect it);
* every ``see`` entry names a term (or alias) of the glossary, other than
  the entry itself (it is then replaced by that entry's term, as written);
* every ``theme`` is an id of ``docs/_data/themes.yaml``;
* terms and aliases hold no character that would break the cross-reference
  syntax (`````, ``<``, ``>``) and do not start with ``!``;
* every ``skip_in`` and ``link_in`` phrase (where the term has another sense,
  or must be linked whatever the rules say) holds the term or an alias.

Problems raise :class:`~handbook.common.errors.ConfigError` with the line of the
offending value, in French.

The same word-level normalisation (:func:`term_key`, :func:`word_keys`) is
used by the Sphinx extension to find glossary terms in the articles.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..common.errors import ConfigError, HandbookError
from ..common.layout import GLOSSARY_FILE, display
from ..common.text import fold_char, fold_term, term_key, word_key, word_keys
from .yamlfile import line_of, load_yaml

__all__ = [
    "GLOSSARY_FILE",
    "GlossaryEntry",
    "fold_char",
    "fold_term",
    "load_glossary",
    "term_key",
    "word_key",
    "word_keys",
]


#: characters a term may not hold (they would break ``{term}`…``` roles)
_FORBIDDEN = "`<>"


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary entry: a term, its aliases and its definition."""

    term: str
    aliases: tuple[str, ...]
    definition: str
    see: tuple[str, ...]
    theme: str
    #: phrases where the term has another sense: never linked there
    skip_in: tuple[str, ...] = ()
    #: phrases where the term is linked even if a rule would not link it
    link_in: tuple[str, ...] = ()
    #: words of the defined sense: linked only in a paragraph holding one
    near: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _holds_form(phrase: str, forms: tuple[str, ...]) -> bool:
    """Whether ``phrase`` holds one of ``forms`` as whole words (case, accents, plural aside)."""
    words = word_keys(phrase)
    for form in forms:
        keys = word_keys(form)
        if any(words[i : i + len(keys)] == keys for i in range(len(words) - len(keys) + 1)):
            return True
    return False


def load_glossary(
    root: Path, theme_ids: set[str] | None = None, data_dir: Path | None = None
) -> tuple[GlossaryEntry, ...]:
    """Load and check ``docs/_data/glossary.yaml`` under the repository ``root``.

    ``theme_ids`` are the valid theme ids; when ``None`` they are read from
    ``docs/_data/themes.yaml`` (if that file cannot be loaded, the themes of
    the glossary are not checked here: the themes file reports its own error).
    """
    path = (data_dir / GLOSSARY_FILE.name) if data_dir is not None else root / GLOSSARY_FILE
    shown = display(path, root)
    data = load_yaml(path, shown, schema="glossary")
    if theme_ids is None:
        try:
            from .themes import load_taxonomy

            theme_ids = {theme.id for theme in load_taxonomy(root, data_dir)}
        except HandbookError:
            theme_ids = None

    @cache
    def node() -> yaml.Node | None:
        # composed only to locate a problem: parsing YAML twice is slow
        return yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)

    def line(*where: Any) -> int | None:
        return line_of(node(), ["terms", *where])

    entries: list[GlossaryEntry] = []
    # form, where it is, entry index; by case/accent-folded form and by term_key
    seen: dict[str, tuple[str, tuple, int]] = {}
    seen_plural: dict[str, tuple[str, tuple, int]] = {}
    for index, item in enumerate(data.get("terms") or []):
        term = _one_line(item["term"])
        aliases = tuple(_one_line(a) for a in _as_list(item.get("aliases")))
        for position, form in enumerate((term, *aliases)):
            where = (index, "term") if position == 0 else (index, "aliases", position - 1)
            bad = sorted({c for c in form if c in _FORBIDDEN})
            if bad or form.startswith("!"):
                shown_bad = " ".join(bad) if bad else "! (au début)"
                raise ConfigError(
                    shown,
                    f"le terme « {form} » contient un caractère interdit ({shown_bad}).",
                    line(*where),
                )
            key = term_key(form)
            if not key:
                raise ConfigError(
                    shown, f"le terme « {form} » ne contient aucune lettre.", line(*where)
                )
            exact = fold_term(form)
            if exact in seen:
                other, other_where, _owner = seen[exact]
                at = f" (ligne {line(*other_where)})" if line(*other_where) else ""
                raise ConfigError(
                    shown,
                    f"le terme « {form} » est en double : « {other} »{at} est le même terme "
                    "(majuscules et accents ne comptent pas).",
                    line(*where),
                )
            if key in seen_plural and seen_plural[key][2] != index:
                other, other_where, _owner = seen_plural[key]
                at = f" (ligne {line(*other_where)})" if line(*other_where) else ""
                raise ConfigError(
                    shown,
                    f"le terme « {form} » ne se distingue de « {other} »{at} que par le "
                    "pluriel : les liens automatiques ne pourraient pas les séparer. "
                    "Faites-en un alias d'une seule entrée.",
                    line(*where),
                )
            seen[exact] = seen_plural[key] = (form, where, index)
        contexts: dict[str, tuple[str, ...]] = {}
        for name in ("skip_in", "link_in"):
            phrases = tuple(_one_line(p) for p in _as_list(item.get(name)))
            for position, phrase in enumerate(phrases):
                if not _holds_form(phrase, (term, *aliases)):
                    raise ConfigError(
                        shown,
                        f"« {name} » de « {term} » : « {phrase} » ne contient ni le terme "
                        "ni un de ses alias.",
                        line(index, name, position),
                    )
            contexts[name] = phrases
        entries.append(
            GlossaryEntry(
                term=term,
                aliases=aliases,
                definition=str(item["definition"]).strip(),
                see=tuple(_one_line(s) for s in _as_list(item.get("see"))),
                theme=str(item.get("theme") or ""),
                skip_in=contexts["skip_in"],
                link_in=contexts["link_in"],
                near=tuple(_one_line(p) for p in _as_list(item.get("near"))),
            )
        )
    for index in range(1, len(entries)):
        before, current = entries[index - 1], entries[index]
        if fold_term(current.term) < fold_term(before.term):
            raise ConfigError(
                shown,
                f"ordre alphabétique : « {current.term} » doit être placé avant "
                f"« {before.term} » (majuscules et accents ne comptent pas).",
                line(index),
            )
    owner = {term_key(form): entry for entry in entries for form in entry.forms}
    for index, entry in enumerate(entries):
        canonical: list[str] = []
        for position, target in enumerate(entry.see):
            found = owner.get(term_key(target))
            if found is None or found is entry:
                why = "n'est pas un terme du glossaire" if found is None else "renvoie à lui-même"
                raise ConfigError(
                    shown,
                    f"« see » de « {entry.term} » : « {target} » {why}.",
                    line(index, "see", position)
                    if isinstance(data["terms"][index].get("see"), list)
                    else line(index, "see"),
                )
            canonical.append(found.term)
        # a reference written with other accents, capitals or as an alias
        # names its entry's term, which the glossary page links to
        entries[index] = replace(entry, see=tuple(canonical))
        if entry.theme and theme_ids is not None and entry.theme not in theme_ids:
            raise ConfigError(
                shown,
                f"thème inconnu « {entry.theme} » pour « {entry.term} ». "
                f"Thèmes valides : {', '.join(sorted(theme_ids))}.",
                line(index, "theme"),
            )
    return tuple(entries)
