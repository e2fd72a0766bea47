"""The instructors' reports, as pages of the handbook: the dropped lines and
the decisions to review (« À relire »)."""

from __future__ import annotations

import re
from itertools import groupby

from ..common.escape import escape_heading, escape_inline
from .model import Analysis
from .review import KIND_NAMES, ReviewItem, doubt, grouped

BACKTICKS = re.compile(r"`+")

REASONS = {
    "site-chrome": "décor du site",
    "repeated-title": "titre répété",
    "repeated-line": "ligne répétée juste en dessous (affichée une fois)",
    "feed-footer": "pied de page de flux (le titre y est repris)",
    "duplicate-occurrence": "copie d'un article gardé ailleurs",
    "ignored-by-correction": "article ignoré (sources/corrections.yaml)",
    "shown-in-metadata": "affichée dans l'en-tête de l'article (date ou signature), pas répétée",
}


def render_dropped_report(analysis: Analysis) -> str:
    lines = [
        "# Lignes écartées à l'import",
        "",
        "Cette page est produite par `make import`. Elle liste chaque ligne des sources qui "
        "n'apparaît dans le texte d'aucun article : décor des sites, titres et lignes "
        "répétés, pieds de page des flux, copies d'articles déjà présents, dates et "
        "signatures déjà affichées dans l'en-tête de l'article. Rien n'est perdu sans être "
        "signalé ici. "
        "Si une ligne n'aurait pas dû être écartée, corrigez `sources/corrections.yaml` "
        "plutôt que les pages.",
        "",
        f"{len(analysis.dropped)} ligne(s) ou copie(s) écartée(s) dans {len(analysis.sources)} fichier(s).",
    ]
    for file, items in groupby(analysis.dropped, key=lambda d: d.file):
        lines += ["", f"## {escape_inline(file)}", ""]
        for item in items:
            reason = REASONS.get(item.reason, item.reason)
            if item.rule:
                reason = f"{reason}, règle {item.rule}"
            text = item.text.strip() or "(ligne vide)"
            lines.append(f"- ligne {item.line}, {escape_inline(reason)} : {escape_inline(text)}")
    return "\n".join(lines) + "\n"


def render_review_report(items: list[ReviewItem]) -> str:
    """« À relire »: the doubtful decisions of the last import, by article."""
    lines = [
        "# À relire",
        "",
        "Cette page est produite par `make import`, avec {doc}`lignes-ecartees`. Elle liste "
        "les décisions du convertisseur les moins sûres : débuts d'articles, titres, rôles "
        "des lignes (intertitres, légendes, signatures…), décor du site, doublons et "
        "thèmes, les plus incertaines d'abord. Chacune donne l'entrée à coller dans "
        "`sources/corrections.yaml` pour retenir l'autre possibilité ; relancez ensuite "
        "`make import`. La même liste s'affiche avec `make review`.",
        "",
        f"{len(items)} décision(s) à relire.",
    ]
    for slug, title, found in grouped(items):
        lines += ["", f"## {escape_heading(title)}", ""]
        if slug:
            lines += [f"Page : {{doc}}`../articles/{slug}`", ""]
        for item in found:
            where = f"{item.file}:{item.line}"
            text = escape_inline(item.text.strip(), single_line=True) or "(ligne vide)"
            said = escape_inline(
                f"Décision : {item.decision}. Autre possibilité : {item.alternative}. {item.why}",
                single_line=True,
            )
            # a fence longer than any run of backticks in the entry
            fence = "`" * max(
                3, 1 + max((len(r) for r in BACKTICKS.findall(item.correction)), default=0)
            )
            lines += [
                f"- **{escape_inline(KIND_NAMES[item.kind])}**, {escape_inline(where)}, "
                f"décision {doubt(item.confidence)} : « {text} »",
                "",
                f"  {said}",
                "",
                f"  {fence}yaml",
                *(f"  {line}" for line in item.correction.splitlines()),
                f"  {fence}",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"
