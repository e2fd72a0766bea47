"""The tables of bench/RESULTS.md, each command replacing its own section.

``make bench`` writes the « main » section (:func:`main_report`), ``make
bench-large`` the « large » one (:func:`large_report`); the rest of the file
(the written analysis in particular) is kept. Raw numbers go to bench/results/.
"""

from __future__ import annotations

import json
import os
import statistics
from typing import Any

from bench.measure import REPO, Series
from bench.scenarios import SCENARIOS

RESULTS = REPO / "bench" / "RESULTS.md"
RAW_DIR = REPO / "bench" / "results"  # raw JSON of the last runs (ignored by git)


def num(value: int | str) -> str:
    """``5000`` -> ``5 000`` (French thousands separator)."""
    return f"{int(value):,}".replace(",", "\u202f")


def fmt_s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def fmt_series(series: Series, attribute: str = "wall") -> str:
    median = series.median(attribute)
    if len(series.runs) < 2:
        return fmt_s(median)
    low, high = series.spread(attribute)
    return f"{fmt_s(median)} ({low:.2f}–{high:.2f})"


def yes(flag: bool) -> str:
    return "✅ oui" if flag else "❌ non"


def ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def main_report(data: dict[str, Any], head: list[str]) -> tuple[str, dict[str, Any]]:
    conv, real = data["converter"], data["real"]
    builds = data["builds"]
    floors, jobs = data.get("floors"), data.get("jobs")
    sizes = sorted(conv, key=int)
    biggest = sizes[-1]
    mid = "500" if "500" in conv else sizes[0]
    out: list[str] = ["## Mesures principales (`make bench`)", "", *head, ""]

    # targets
    inproc_work = statistics.median(real["inprocess"].extra["work"])
    cli_wall = real["cli"].median()
    big = conv[biggest]
    big_mbps = big.extra["corpus"]["bytes"] / 1e6 / big.median()
    scale = ratio(big.median(), conv[mid].median())
    reimport_ok = all(conv[s].extra["reimport"]["written"] == 0 for s in sizes)
    targets: list[tuple[str, str, bool | None]] = [
        (
            "Convertisseur, corpus réel, dans le processus < 0,5 s",
            fmt_s(inproc_work),
            inproc_work < 0.5,
        ),
        (
            "Convertisseur, corpus réel, en commande (`handbook list`) < 1 s",
            fmt_s(cli_wall),
            cli_wall < 1.0,
        ),
        (
            f"Débit ≥ 2 Mo/s à {num(biggest)} articles",
            f"{big_mbps:.2f} Mo/s",
            big_mbps >= 2.0 if biggest == "5000" else None,
        ),
        (
            f"Temps {num(biggest)} articles / {mid} articles ≤ 11×",
            f"{scale:.1f}×",
            scale <= 11 if biggest == "5000" else None,
        ),
        (
            "Ré-import sans changement : 0 fichier écrit",
            ", ".join(f"{s} : {conv[s].extra['reimport']['written']}" for s in sizes),
            reimport_ok,
        ),
        (
            f"Mémoire maximale du convertisseur à {num(biggest)} articles < 500 Mo",
            f"{big.peak():.0f} Mo",
            big.peak() < 500 if biggest == "5000" else None,
        ),
    ]
    b500 = builds.get("500")
    if b500:
        full = b500["full"].median()
        if floors:
            same, default = floors["same"].median(), floors["default"].median()
            targets.append(
                (
                    "Construction complète (500) ≤ 1,25 × plancher même thème",
                    f"{ratio(full, same):.2f}×",
                    ratio(full, same) <= 1.25,
                )
            )
            targets.append(
                (
                    "Construction complète (500) ≤ 1,5 × plancher thème par défaut",
                    f"{ratio(full, default):.2f}×",
                    ratio(full, default) <= 1.5,
                )
            )
        nochange = b500["nochange"].median()
        targets.append(
            (
                "Reconstruction sans changement (500) ≤ 10 % du complet",
                f"{100 * nochange / full:.0f} %",
                nochange <= 0.10 * full,
            )
        )
        body = b500["body"]
        reread = max(body.extra["reread"])
        stray = sorted({d for found in body.extra["not_showing"] for d in found})
        targets.append(
            (
                "Corps d'un article modifié (500) : 1 page relue (+ celles qui le montrent)",
                f"{_values(body.extra['reread'])} page(s) relue(s)"
                + (
                    f", dont {len(stray)} qui ne le montre(nt) pas"
                    if stray
                    else ("" if reread == 1 else " : l'article et des pages qui le citent")
                ),
                not stray,
            )
        )
        targets.append(
            (
                "Corps d'un article modifié (500) ≤ 15 % du complet",
                f"{100 * body.median() / full:.0f} %",
                body.median() <= 0.15 * full,
            )
        )
    out += ["### Objectifs", "", "| Objectif | Mesure | Atteint |", "|---|---|---|"]
    verdicts = {}
    for label, measure, ok in targets:
        verdicts[label] = ok
        out.append(f"| {label} | {measure} | {'(non mesuré)' if ok is None else yes(ok)} |")
    out.append("")

    # converter
    out += [
        "### a. Convertisseur (`handbook import`, corpus synthétique)",
        "",
        "Temps : médiane (min–max) sur les essais, chacun dans un nouveau processus et une "
        "copie neuve du dépôt. Le débit rapporte les mégaoctets de texte brut au temps mur.",
        "",
        "| Articles | Fichiers | Occurrences | Texte brut | Essais | Temps mur | Temps CPU | "
        "Mémoire max | Débit | Pages créées |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        series = conv[size]
        corpus = series.extra["corpus"]
        created = series.extra.get("counts", {}).get("created", "?")
        out.append(
            f"| {num(size)} | {corpus['files']} | {num(corpus['occurrences'])} | "
            f"{corpus['bytes'] / 1e6:.2f} Mo | {len(series.runs)} | {fmt_series(series)} | "
            f"{fmt_series(series, 'cpu')} | {series.peak():.0f} Mo | "
            f"{corpus['bytes'] / 1e6 / series.median():.2f} Mo/s | {created} |"
        )
    out += [
        "",
        f"Rapport des temps {num(biggest)} / {mid} articles : **{scale:.1f}×** "
        f"(pour {ratio(int(biggest), int(mid)):.0f}× plus d'articles).",
        "",
        "Corpus réel (`sources/`, "
        f"{real['bytes'] / 1e3:.0f} ko, {real['inprocess'].extra['articles']} articles) :",
        "",
        "| Mesure | Temps (médiane, min–max) | Temps CPU | Mémoire max |",
        "|---|---:|---:|---:|",
    ]
    works = real["inprocess"].extra["work"]
    cpus = real["inprocess"].extra["work_cpu"]
    out.append(
        f"| Dans le processus : `full_analysis` + rendu des pages | {fmt_s(statistics.median(works))} "
        f"({min(works):.2f}–{max(works):.2f}) | {fmt_s(statistics.median(cpus))} | "
        f"{real['inprocess'].peak():.0f} Mo |"
    )
    imports = real["inprocess"].extra["imports"]
    out.append(
        f"| (chargement des modules, non compté ci-dessus) | "
        f"{fmt_s(statistics.median(imports))} | | |"
    )
    out.append(
        f"| En commande : `handbook list --format json` (démarrage de Python compris) | "
        f"{fmt_series(real['cli'])} | {fmt_series(real['cli'], 'cpu')} | {real['cli'].peak():.0f} Mo |"
    )
    out += [
        "",
        "### b. Ré-import sans changement",
        "",
        "| Articles | Fichiers écrits | Temps mur | Temps CPU | Résumé de `handbook import` |",
        "|---:|---:|---:|---:|---|",
    ]
    for size in sizes:
        again = conv[size].extra["reimport"]
        counts = again.get("counts") or {}
        summary = (
            f"{counts.get('created', '?')} créée(s), {counts.get('updated', '?')} mise(s) à jour, "
            f"{counts.get('unchanged', '?')} inchangée(s)"
        )
        out.append(
            f"| {num(size)} | {again['written']} | {fmt_s(again['wall'])} | "
            f"{fmt_s(again['cpu'])} | {summary} |"
        )
    out.append("")
    title = "c. Constructions du manuel (`sphinx-build -b html -W --keep-going -n -j auto`)"
    out += build_tables(builds, title)
    if floors and b500:
        full = b500["full"]
        out += [
            "### d. Planchers (500 articles, sans `handbook.site`)",
            "",
            "Mêmes pages d'articles, `conf.py` minimal (myst-parser + sphinx-design, mêmes réglages "
            "MyST, pas les autres extensions du manuel) et deux niveaux de tables des matières "
            "`:glob:`, comme le manuel : un index qui liste une page par initiale, chacune listant "
            "ses articles. Pas de pages de thèmes, de glossaire ni de crédits (elles n'existent "
            "qu'avec l'extension).",
            "",
            *floors_table(full, floors),
        ]
    if jobs and b500:
        full = b500["full"]
        out += [
            "### e. Construction complète à 500 articles : `-j 1` ou `-j auto`",
            "",
            "| Option | Temps mur | Temps CPU | Mémoire max (plus gros processus) |",
            "|---|---:|---:|---:|",
            f"| `-j 1` | {fmt_series(jobs)} | {fmt_series(jobs, 'cpu')} | {jobs.peak():.0f} Mo |",
            f"| `-j auto` ({os.cpu_count()} processeurs) | {fmt_series(full)} | {fmt_series(full, 'cpu')} | "
            f"{full.peak():.0f} Mo |",
            "",
        ]
    return "\n".join(out), verdicts


def build_tables(builds: dict[str, Any], title: str) -> list[str]:
    out = [
        f"### {title}",
        "",
        "Pages relues : documents dont Sphinx a réécrit l'arbre (`.doctree`) ; pages réécrites : "
        "fichiers HTML de documents réécrits (hors `genindex` et `search`, toujours réécrits). "
        "Le résumé est la ligne « N added, N changed, N removed » de Sphinx, plus les articles que "
        "l'extension fait relire. Temps : médiane (min–max).",
        "",
        "| Articles | Scénario | Essais | Temps mur | % du complet | Temps CPU | Mémoire max | "
        "Pages relues | Pages réécrites | Résumé de Sphinx |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for size in sorted(builds, key=int):
        result = builds[size]
        full = result["full"]
        out.append(
            f"| {num(size)} | construction complète | {len(full.runs)} | {fmt_series(full)} | 100 % | "
            f"{fmt_series(full, 'cpu')} | {full.peak():.0f} Mo | {full.extra['pages']} | "
            f"{full.extra['written']} | |"
        )
        for key, label in SCENARIOS:
            series = result[key]
            reread = series.extra["reread"]
            written = series.extra["written"]
            summary = "; ".join(sorted(set(series.extra["summary"])))
            out.append(
                f"| {num(size)} | {label} | {len(series.runs)} | {fmt_series(series)} | "
                f"{100 * series.median() / full.median():.0f} % | {fmt_series(series, 'cpu')} | "
                f"{series.peak():.0f} Mo | {_values(reread)} | {_values(written)} | {summary} |"
            )
    examples = []
    for size in sorted(builds, key=int):
        result = builds[size]
        for key, label in SCENARIOS[1:]:
            first = result[key].extra["examples"][0]
            examples.append(
                f"- {num(size)} articles, {label} : relues {', '.join(first['reread']) or '—'} ; "
                f"réécrites {', '.join(first['written']) or '—'}"
                + (" …" if len(first["written"]) >= 8 or len(first["reread"]) >= 8 else "")
            )
    out += ["", "Pages concernées (premier essai, 8 au plus) :", "", *examples, ""]
    return out


def floors_table(full: Series, floors: dict[str, Series]) -> list[str]:
    """Our full build beside the two floors, with the ratios."""
    out = [
        "| Construction complète | Pages | Temps mur | Temps CPU | Mémoire max | Notre construction / plancher |",
        "|---|---:|---:|---:|---:|---:|",
        f"| Le manuel (avec l'extension) | {full.extra['pages']} | {fmt_series(full)} | "
        f"{fmt_series(full, 'cpu')} | {full.peak():.0f} Mo | — |",
    ]
    for key, label in (
        ("same", "Plancher, même thème (sphinx-book-theme, mêmes options)"),
        ("default", "Plancher, thème par défaut (alabaster)"),
    ):
        floor = floors[key]
        out.append(
            f"| {label} | {floor.extra['pages']} | {fmt_series(floor)} | {fmt_series(floor, 'cpu')} | "
            f"{floor.peak():.0f} Mo | {ratio(full.median(), floor.median()):.2f}× |"
        )
    return [*out, ""]


def _values(values: list[int]) -> str:
    unique = sorted(set(values))
    return str(unique[0]) if len(unique) == 1 else f"{min(values)}–{max(values)}"


def large_report(data: dict[str, Any], head: list[str]) -> str:
    builds, converter, floors = data["builds"], data["converter"], data.get("floors")
    (size,) = builds
    out = [f"## Grande taille (`make bench-large`, {num(size)} articles)", "", *head, ""]
    full = builds[size]["full"]
    goals: list[tuple[str, str, bool | None]] = [
        (
            f"Construction complète de {num(size)} articles < 5 min",
            fmt_s(full.median()),
            full.median() < 300,
        ),
        (
            f"Mémoire maximale de la construction ({num(size)}) < 1,5 Go",
            f"{full.peak():.0f} Mo",
            full.peak() < 1536,
        ),
    ]
    if floors:
        same, default = floors["same"].median(), floors["default"].median()
        goals += [
            (
                f"Construction complète ({num(size)}) ≤ 1,25 × plancher même thème",
                f"{ratio(full.median(), same):.2f}×",
                ratio(full.median(), same) <= 1.25,
            ),
            (
                f"Construction complète ({num(size)}) ≤ 1,5 × plancher thème par défaut",
                f"{ratio(full.median(), default):.2f}×",
                ratio(full.median(), default) <= 1.5,
            ),
        ]
    small = _main_full_build()
    if small:
        growth = ratio(full.median(), small)
        goals.append(
            (
                f"Croissance du coût, {num(size)} / 500 articles ≤ 6,5×",
                f"{growth:.1f}× (500 articles : {fmt_s(small)}, dernière mesure de `make bench`)",
                growth <= 6.5,
            )
        )
    for key, label, limit in (
        ("nochange", "Reconstruction sans changement", 0.10),
        ("body", "Corps d'un article modifié", 0.15),
    ):
        if key in builds[size]:
            part = builds[size][key].median() / full.median()
            goals.append(
                (
                    f"{label} ({num(size)}) ≤ {100 * limit:.0f} % du complet",
                    f"{100 * part:.0f} %",
                    part <= limit,
                )
            )
    out += ["### Objectifs", "", "| Objectif | Mesure | Atteint |", "|---|---|---|"]
    out += [
        f"| {label} | {value} | {'—' if ok is None else yes(ok)} |" for label, value, ok in goals
    ]
    out.append("")
    for size, series in converter.items():
        corpus = series.extra["corpus"]
        again = series.extra["reimport"]
        out.append(
            f"Import de {num(size)} articles ({corpus['bytes'] / 1e6:.1f} Mo de texte) : "
            f"{fmt_series(series)}, {series.peak():.0f} Mo au plus ; ré-import sans changement : "
            f"{again['written']} fichier(s) écrit(s) en {fmt_s(again['wall'])}."
        )
    out.append("")
    out += build_tables(builds, f"Constructions à {num(size)} articles")
    if floors:
        out += [
            f"### Planchers ({num(size)} articles, sans `handbook.site`)",
            "",
            *floors_table(full, floors),
        ]
    return "\n".join(out)


def _main_full_build() -> float | None:
    """The full build time at 500 articles of the last ``make bench`` (raw results)."""
    path = RAW_DIR / "main.json"
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text("utf-8"))
        return float(statistics.median(r["wall"] for r in raw["builds"]["500"]["full"]["runs"]))
    except (KeyError, TypeError, ValueError):
        return None


# --------------------------------------------------------------------------
# RESULTS.md sections
# --------------------------------------------------------------------------

INTRO = """# Résultats des mesures de performance

Ce fichier est écrit par `make bench` (section « Mesures principales ») et
`make bench-large` (section « Grande taille ») ; chaque commande ne remplace
que sa propre section. La section « Analyse, profilage et corrections » est
écrite à la main et conservée d'une mesure à l'autre. Pour lire les tableaux,
voir [README.md](README.md).
"""


def update_section(text: str, name: str, content: str) -> str:
    start, end = f"<!-- bench:{name}:début -->", f"<!-- bench:{name}:fin -->"
    block = f"{start}\n{content.rstrip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _old, after = rest.split(end, 1)
        return before + block + after
    if not text.strip():
        text = INTRO
    marker = "\n## Analyse, profilage et corrections"
    if marker in text:  # measured sections come before the written analysis
        before, after = text.split(marker, 1)
        return before.rstrip() + "\n\n" + block + "\n" + marker + after
    return text.rstrip() + "\n\n" + block + "\n"


def write_results(name: str, content: str) -> None:
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else ""
    RESULTS.write_text(update_section(text, name, content), "utf-8")


def dump_raw(name: str, data: dict[str, Any]) -> None:
    def plain(value: Any) -> Any:
        if isinstance(value, Series):
            return value.as_dict()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    RAW_DIR.mkdir(parents=True, exist_ok=True)
    (RAW_DIR / f"{name}.json").write_text(
        json.dumps(plain(data), ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
