"""The dropped-lines report, as a page of the handbook for instructors."""

from __future__ import annotations

from itertools import groupby

from ..common.escape import escape_inline
from .model import Analysis

REASONS = {
    "site-chrome": "décor du site",
    "repeated-title": "titre répété",
    "repeated-line": "ligne répétée juste en dessous (affichée une fois)",
    "feed-footer": "pied de page de flux (le titre y est repris)",
    "duplicate-occurrence": "copie d'un article gardé ailleurs",
    "ignored-by-correction": "article ignoré (sources/corrections.yaml)",
}


def render_dropped_report(analysis: Analysis) -> str:
    lines = [
        "# Lignes écartées à l'import",
        "",
        "Cette page est produite par `make import`. Elle liste chaque ligne des sources qui "
        "n'apparaît dans aucun article : décor des sites, titres répétés, pieds de page des "
        "flux et copies d'articles déjà présents. Rien n'est perdu sans être signalé ici. "
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
