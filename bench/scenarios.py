"""The scenarios of ``make bench``: what is measured, on which corpus.

a. the converter (``handbook import``) in a temporary copy of the repository
   whose ``sources/`` holds synthetic dumps (:mod:`bench.synthetic`); the
   real corpus in-process (:mod:`bench.inprocess`) and as a command;
b. ``handbook import`` again with nothing changed: files written, time;
c. Sphinx builds (options of ``make html``): full build, then rebuilds after
   no change and after one edit each (:data:`SCENARIOS`);
d. two floors from the same article pages, without ``handbook.site``;
e. ``-j 1`` against ``-j auto`` for the full build.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import (
    REPO,
    Log,
    Series,
    build,
    changed,
    handbook_cmd,
    mtimes,
    run,
    run_bench_module,
)

SEED = 20240601
# Pages generated at build time by handbook.site (absent from a fresh clone).
GENERATED = ["themes", "glossaire.md", "contribuer.md", "credits.md"]


@dataclass(frozen=True)
class Plan:
    """The corpus sizes and how many times each measure is taken."""

    imports: dict[int, int]  # articles -> tries of ``handbook import``
    real: int  # tries on the real corpus (0: not measured)
    builds: dict[str, tuple[int, int]]  # articles -> tries of the full build, of each rebuild
    floors: str = "500"  # the size at which the floors (and ``-j 1``) are built
    jobs: bool = True  # whether ``-j 1`` is measured too


MAIN = Plan({50: 3, 500: 3, 5000: 1}, 3, {"50": (3, 3), "500": (1, 3)})  # make bench
QUICK = Plan({50: 1}, 1, {"50": (1, 1)})  # bench/run.py --quick
#: make bench-large: 3,000 articles, with their floors
LARGE = Plan({3000: 1}, 0, {"3000": (1, 1)}, floors="3000", jobs=False)


def run_plan(plan: Plan, work: Path, log: Log) -> dict[str, Any]:
    """Every measure of ``plan``, in ``work``; floors (and ``-j 1``) at ``plan.floors`` articles."""
    converter = bench_converter(work, plan.imports, log)
    data: dict[str, Any] = {"converter": converter}
    if plan.real:
        data["real"] = bench_real(plan.real, log)
    builds = {}
    for size, (full_repeat, rebuild_repeat) in plan.builds.items():
        repo = Path(converter[size].extra["repo"])
        builds[size] = bench_builds(repo, work, int(size), full_repeat, rebuild_repeat, log)
    data["builds"] = builds
    if plan.floors in builds:
        repo = Path(converter[plan.floors].extra["repo"])
        data["floors"] = bench_floors(repo, work, log)
        if plan.jobs:
            data["jobs"] = bench_jobs(repo, work, log)
    return data


# --------------------------------------------------------------------------
# repositories
# --------------------------------------------------------------------------


def make_repo(dest: Path, articles: int) -> dict[str, Any]:
    """A copy of the repository (docs/ without output, generated pages or articles)."""
    shutil.copytree(
        REPO / "docs",
        dest / "docs",
        ignore=shutil.ignore_patterns("_build", *GENERATED),
    )
    for page in (dest / "docs" / "articles").glob("*.md"):
        page.unlink()
    for name in ("pyproject.toml", "CONTRIBUTING.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    # In a subprocess: the measuring process must stay small, since a child
    # starts as a copy of it and its peak memory counts from there.
    run_bench_module(
        "synthetic",
        str(dest / "sources"),
        "--articles",
        str(articles),
        "--seed",
        str(SEED),
        "--truth",
        str(dest / "truth.json"),
    )
    truth = json.loads((dest / "truth.json").read_text("utf-8"))
    return {
        "files": len(truth["files"]),
        "bytes": truth["total_bytes"],
        "occurrences": truth["occurrences"],
        "articles": truth["unique_articles"],
    }


def copy_repo(source: Path, dest: Path) -> Path:
    shutil.copytree(source, dest, symlinks=True)
    return dest


# --------------------------------------------------------------------------
# a. and b. converter
# --------------------------------------------------------------------------


# The summary of ``handbook import`` (« N supprimée(s) » only in newer versions).
IMPORT_SUMMARY = re.compile(
    r"(?P<created>\d+) créée\(s\), (?P<updated>\d+) mise\(s\) à jour, "
    r"(?:\d+ supprimée\(s\), )?(?P<unchanged>\d+) inchangée\(s\)"
)


def _import_counts(stdout: str) -> dict[str, int]:
    match = IMPORT_SUMMARY.search(stdout)
    if not match:
        return {}
    return {key: int(match[key]) for key in ("created", "updated", "unchanged")}


def bench_converter(work: Path, sizes: dict[int, int], log: Log) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size, repeat in sizes.items():
        template = work / f"tpl-{size}"
        log(f"corpus synthétique de {size} articles…")
        info = make_repo(template, size)
        series = Series(extra={"corpus": info})
        last: Path | None = None
        for rep in range(repeat):
            last = copy_repo(template, work / f"repo-{size}-{rep}")
            log(f"  handbook import ({size} articles, essai {rep + 1}/{repeat})")
            item = series.add(run([*handbook_cmd(), "import"], cwd=last))
            series.extra.setdefault("counts", _import_counts(item.stdout))
        assert last is not None
        before = mtimes(last, "**/*")
        log(f"  handbook import sans changement ({size} articles)")
        again = run([*handbook_cmd(), "import"], cwd=last)
        after = mtimes(last, "**/*")
        written = [p for p in changed(before, after) if not p.endswith(".handbook-import.lock")]
        series.extra["reimport"] = {
            "wall": again.wall,
            "cpu": again.cpu,
            "rss_mb": again.rss_mb,
            "written": len(written),
            "written_files": written[:10],
            "counts": _import_counts(again.stdout),
        }
        series.extra["repo"] = str(work / f"repo-{size}-0")
        results[str(size)] = series
        for rep in range(1, repeat):  # keep only the first copy (used by the builds)
            shutil.rmtree(work / f"repo-{size}-{rep}", ignore_errors=True)
    return results


def bench_real(repeat: int, log: Log) -> dict[str, Any]:
    inproc = Series()
    for rep in range(repeat):
        log(f"corpus réel, dans le processus (essai {rep + 1}/{repeat})")
        item = inproc.add(run_bench_module("inprocess", "real-corpus"))
        data = json.loads(item.stdout.strip().splitlines()[-1])
        inproc.extra.setdefault("work", []).append(data["work"])
        inproc.extra.setdefault("work_cpu", []).append(data["work_cpu"])
        inproc.extra.setdefault("imports", []).append(data["imports"])
        inproc.extra["articles"] = data["articles"]
    cli = Series()
    for rep in range(repeat):
        log(f"corpus réel, handbook list --format json (essai {rep + 1}/{repeat})")
        cli.add(run([*handbook_cmd(), "list", "--format", "json"], cwd=REPO))
    size = sum(p.stat().st_size for p in (REPO / "sources").glob("*.txt"))
    return {"inprocess": inproc, "cli": cli, "bytes": size}


# --------------------------------------------------------------------------
# c. d. e. builds
# --------------------------------------------------------------------------


def clean_generated(srcdir: Path) -> None:
    for name in GENERATED:
        path = srcdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _front_matter_end(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index
    return -1


def edit_body(page: Path, rep: int) -> None:
    """Add a sentence to the last paragraph of an article (not its lead)."""
    lines = page.read_text("utf-8").split("\n")
    start = _front_matter_end(lines) + 1
    for index in range(len(lines) - 1, start, -1):
        line = lines[index]
        if line[:1].isupper() and line.rstrip().endswith("."):
            lines[index] = line.rstrip() + f" Ajout de relecture numéro {rep}."
            page.write_text("\n".join(lines), "utf-8")
            return
    raise RuntimeError(f"{page} : aucun paragraphe à modifier")


def edit_title(page: Path, rep: int) -> None:
    """Change an article's title (front matter and heading)."""
    import yaml

    lines = page.read_text("utf-8").split("\n")
    end = _front_matter_end(lines)
    done = 0
    for index in range(1, end):
        if lines[index].startswith("title:"):
            old = yaml.safe_load(lines[index])["title"]
            lines[index] = "title: " + json.dumps(f"{old} rév {rep}", ensure_ascii=False)
            done += 1
            break
    for index in range(end + 1, len(lines)):
        if lines[index].startswith("# "):
            lines[index] = lines[index].rstrip() + f" rév {rep}"
            done += 1
            break
    if done != 2:
        raise RuntimeError(f"{page} : titre introuvable")
    page.write_text("\n".join(lines), "utf-8")


def edit_folded(path: Path, key: str, rep: int) -> None:
    """Add a sentence to the first ``key: >-`` folded text of a YAML file."""
    lines = path.read_text("utf-8").split("\n")
    for index, line in enumerate(lines):
        if re.match(rf"^\s+(- )?{key}: >-\s*$", line) and index + 1 < len(lines):
            lines[index + 1] = lines[index + 1].rstrip() + f" Révision {rep}."
            path.write_text("\n".join(lines), "utf-8")
            return
    raise RuntimeError(f"{path} : aucun « {key}: >- » à modifier")


def pages_linking_to(outdir: Path, stem: str) -> set[str]:
    """Docnames whose HTML links to the article page ``stem``."""
    target = f"{stem}.html"
    return {
        path.relative_to(outdir).as_posix()[: -len(".html")]
        for path in outdir.glob("**/*.html")
        if target in path.read_text("utf-8", errors="replace")
    }


SCENARIOS = [
    ("nochange", "aucune modification"),
    ("body", "corps d'un article"),
    ("title", "titre d'un article"),
    ("themes", "themes.yaml (une description)"),
    ("glossary", "glossary.yaml (une définition)"),
]


def bench_builds(
    repo: Path, work: Path, size: int, full_repeat: int, repeat: int, log: Log
) -> dict[str, Any]:
    srcdir = repo / "docs"
    outdir = work / f"html-{size}"
    results: dict[str, Any] = {}
    full = Series()
    for rep in range(full_repeat):
        shutil.rmtree(outdir, ignore_errors=True)
        clean_generated(srcdir)
        log(f"construction complète ({size} articles, essai {rep + 1}/{full_repeat})")
        result = build(srcdir, outdir)
        full.add(result.run)
        full.extra["pages"] = len(result.reread)
        full.extra["written"] = len(result.written)
    results["full"] = full
    articles = sorted((srcdir / "articles").glob("*.md"))
    articles = [p for p in articles if p.name != "index.md"]
    body_page = articles[len(articles) // 3]
    title_page = articles[(2 * len(articles)) // 3]
    edits = {
        "nochange": lambda rep: None,
        "body": lambda rep: edit_body(body_page, rep),
        "title": lambda rep: edit_title(title_page, rep),
        "themes": lambda rep: edit_folded(repo / "docs/_data/themes.yaml", "description", rep),
        "glossary": lambda rep: edit_folded(repo / "docs/_data/glossary.yaml", "definition", rep),
    }
    for key, _label in SCENARIOS:
        results[key] = Series(extra={"reread": [], "written": [], "summary": [], "examples": []})
    body_doc = f"articles/{body_page.stem}"
    results["body"].extra["not_showing"] = []
    for rep in range(1, repeat + 1):
        for key, label in SCENARIOS:
            edits[key](rep)
            log(f"reconstruction : {label} ({size} articles, essai {rep}/{repeat})")
            showing = pages_linking_to(outdir, body_page.stem) if key == "body" else set()
            result = build(srcdir, outdir)
            series = results[key]
            if key == "body":
                # pages read again besides the edited one must show it (« Articles liés »)
                showing |= pages_linking_to(outdir, body_page.stem)
                series.extra["not_showing"].append(
                    sorted(set(result.reread) - {body_doc} - showing)
                )
            series.add(result.run)
            series.extra["reread"].append(len(result.reread))
            series.extra["written"].append(len(result.written))
            series.extra["summary"].append(result.summary)
            series.extra["examples"].append(
                {"reread": result.reread[:8], "written": result.written[:8]}
            )
    results["edited"] = {"body": body_page.name, "title": title_page.name}
    return results


def floor_settings(theme: str) -> dict[str, Any]:
    """The handbook's settings kept by a floor build (see bench/floor_conf.py)."""
    import runpy

    real = runpy.run_path(str(REPO / "docs" / "conf.py"))
    keep = [
        "language",
        "nitpicky",
        "smartquotes",
        "source_suffix",
        "root_doc",
        "exclude_patterns",
        "myst_enable_extensions",
        "myst_disable_syntax",
        "myst_heading_anchors",
        "html_title",
        "html_copy_source",
        "html_show_sourcelink",
    ]
    if theme == "same":
        keep += ["html_theme", "html_theme_options", "html_sidebars"]
    settings = {name: real[name] for name in keep if name in real}
    if theme != "same":
        settings["html_theme"] = "alabaster"
    return settings


FLOOR_INDEX = """# Plancher de mesure

Construction de référence, sans l'extension du manuel.

```{toctree}
:glob:
:maxdepth: 1

partie-*
```
"""

FLOOR_PART = """# Articles en « {initial} »

```{{toctree}}
:glob:
:maxdepth: 1

articles/{initial}*
```
"""


def bench_floors(repo: Path, work: Path, log: Log) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for theme in ("same", "default"):
        srcdir = work / f"floor-{theme}"
        shutil.rmtree(srcdir, ignore_errors=True)
        (srcdir / "articles").mkdir(parents=True)
        for page in (repo / "docs" / "articles").glob("*.md"):
            shutil.copy2(page, srcdir / "articles" / page.name)
        # Two levels, like the handbook (home page -> theme pages -> articles):
        # with the 500 articles in the root toctree, the theme's sidebar would
        # list all of them on every page (see docs/conf.py, max_navbar_depth).
        (srcdir / "index.md").write_text(FLOOR_INDEX, "utf-8")
        for initial in sorted({page.name[0] for page in (srcdir / "articles").glob("*.md")}):
            part = FLOOR_PART.format(initial=initial)
            (srcdir / f"partie-{initial}.md").write_text(part, "utf-8")
        shutil.copy2(REPO / "bench" / "floor_conf.py", srcdir / "conf.py")
        settings = json.dumps(floor_settings(theme), ensure_ascii=False, indent=1)
        (srcdir / "floor.json").write_text(settings + "\n", "utf-8")
        shutil.copy2(repo / "docs" / "docutils.conf", srcdir / "docutils.conf")
        log(f"plancher : thème {'identique' if theme == 'same' else 'par défaut (alabaster)'}")
        result = build(srcdir, work / f"html-floor-{theme}")
        results[theme] = Series([result.run], {"pages": len(result.reread)})
    return results


def bench_jobs(repo: Path, work: Path, log: Log) -> Series:
    srcdir = repo / "docs"
    clean_generated(srcdir)
    outdir = work / "html-j1"
    log("construction complète en -j 1 (500 articles)")
    result = build(srcdir, outdir, ["-j", "1"])
    return Series([result.run], {"pages": len(result.reread)})
