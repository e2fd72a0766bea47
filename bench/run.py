"""Performance measurements of the handbook: ``make bench`` (and ``make bench-large``).

Each measure runs in a fresh subprocess; wall time is taken around it, CPU
time (user + system) and peak resident memory come from ``os.wait4``, i.e.
from the kernel's accounting of that very process and of the processes it
waited for (Sphinx's parallel workers included; the peak is the largest
single process, not a sum).

What is measured (see bench/README.md, in French, for how to read it):

a. the converter (``handbook import``) into a temporary copy of the
   repository whose ``sources/`` holds synthetic dumps
   (:mod:`bench.synthetic`) of 50, 500 and 5,000 articles; the real
   corpus in-process (``full_analysis`` + rendering) and as a command
   (``handbook list --format json``, interpreter start included);
b. ``handbook import`` again with nothing changed: files written, time;
c. Sphinx builds (same options as ``make html``) of the 50- and 500-article
   handbooks: full build, no-change rebuild, and rebuilds after editing one
   article's body, one article's title, one theme description
   (themes.yaml) and one glossary definition (glossary.yaml), with the
   number of pages read and written again;
d. two floors from the same 500 article pages, without ``handbook.site``:
   the same theme with the same options, and the default theme (alabaster);
e. ``-j 1`` against ``-j auto`` for the full 500-article build.

``--large`` measures the builds at 2,000 articles instead (``make
bench-large``). The results go to bench/RESULTS.md, in marked sections:
``make bench`` and ``make bench-large`` each replace their own section and
keep everything else (the written analysis in particular).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
RAW_DIR = REPO / "bench" / "results"  # raw JSON of the last runs (ignored by git)

SEED = 20240601
STRICT = ["-W", "--keep-going", "-n"]  # the Makefile's SPHINXOPTS
JOBS = ["-j", "auto"]  # the Makefile's default SPHINXJOBS
# Pages generated at build time by handbook.site (absent from a fresh clone).
GENERATED = ["themes", "glossaire.md", "contribuer.md", "credits.md"]
PACKAGES = [
    "sphinx",
    "docutils",
    "myst-parser",
    "sphinx-design",
    "sphinx-book-theme",
    "pydata-sphinx-theme",
    "sphinx-copybutton",
    "rapidfuzz",
    "PyYAML",
    "snowballstemmer",
    "charset-normalizer",
    "sphinx-notfound-page",
    "sphinx-sitemap",
    "sphinxext-opengraph",
    "PyStemmer",
    "lpcpon-handbook",
]

# --------------------------------------------------------------------------
# running and measuring one subprocess
# --------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment of every measured process.

    Bytecode caching is allowed (as on a developer's machine), whatever the
    calling environment says; :func:`warm_up` fills the cache first.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONHASHSEED"] = "0"
    return env


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    stdout: str
    stderr: str


def run(cmd: list[str], cwd: Path | None = None, *, check: bool = True) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=child_env())
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"échec ({proc.returncode}) de : {' '.join(cmd)}\n{stdout[-3000:]}\n{stderr[-3000:]}"
        )
    # ru_maxrss is in kilobytes on Linux
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024 / 1e6, stdout, stderr)


def handbook_cmd() -> list[str]:
    script = Path(sys.executable).with_name("handbook")
    return [str(script)] if script.exists() else [sys.executable, "-m", "handbook.cli"]


def sphinx_cmd(srcdir: Path, outdir: Path, jobs: list[str] = JOBS) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", *STRICT, *jobs, str(srcdir), str(outdir)]


def warm_up() -> None:
    run(
        [
            sys.executable,
            "-c",
            "import handbook.cli, handbook.convert.pipeline, handbook.site, "
            "handbook.commands.check, sphinx.cmd.build, myst_parser, sphinx_design, sphinx_book_theme",
        ]
    )


@dataclass
class Series:
    """Repeated measures of one thing."""

    runs: list[Run] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, item: Run) -> Run:
        self.runs.append(item)
        return item

    def median(self, attribute: str = "wall") -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)

    def spread(self, attribute: str = "wall") -> tuple[float, float]:
        values = [getattr(r, attribute) for r in self.runs]
        return min(values), max(values)

    def peak(self) -> float:
        return max(r.rss_mb for r in self.runs)

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": [{"wall": r.wall, "cpu": r.cpu, "rss_mb": r.rss_mb} for r in self.runs],
            **self.extra,
        }


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
    run(
        [
            sys.executable,
            "-m",
            "bench.synthetic",
            str(dest / "sources"),
            "--articles",
            str(articles),
            "--seed",
            str(SEED),
            "--truth",
            str(dest / "truth.json"),
        ]
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


def mtimes(folder: Path, pattern: str) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.glob(pattern)
        if p.is_file()
    }


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(k for k, v in after.items() if before.get(k) != v)


# --------------------------------------------------------------------------
# a. and b. converter
# --------------------------------------------------------------------------


def _import_counts(stdout: str) -> dict[str, int]:
    match = re.search(r"(\d+) créée\(s\), (\d+) mise\(s\) à jour, (\d+) inchangée\(s\)", stdout)
    if not match:
        return {}
    return {"created": int(match[1]), "updated": int(match[2]), "unchanged": int(match[3])}


def bench_converter(work: Path, sizes: dict[int, int], log) -> dict[str, Any]:
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


REAL_SNIPPET = """
import json, time, os
t0 = time.perf_counter(); c0 = time.process_time()
from pathlib import Path
from handbook.convert.pipeline import full_analysis, render_all, REPORT_PAGE
from handbook.convert.pipeline import default_sources
from handbook.convert.report import render_dropped_report
t1 = time.perf_counter(); c1 = time.process_time()
root = Path.cwd()
analysis, plan, _ignored = full_analysis(default_sources(root), root)
pages = render_all(plan)
pages[REPORT_PAGE.as_posix()] = render_dropped_report(analysis)
t2 = time.perf_counter(); c2 = time.process_time()
print(json.dumps({"imports": t1 - t0, "work": t2 - t1, "work_cpu": c2 - c1,
                  "articles": len(plan.articles), "pages": len(pages)}))
"""


def bench_real(repeat: int, log) -> dict[str, Any]:
    inproc = Series()
    for rep in range(repeat):
        log(f"corpus réel, dans le processus (essai {rep + 1}/{repeat})")
        item = inproc.add(run([sys.executable, "-c", REAL_SNIPPET], cwd=REPO))
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


@dataclass
class BuildResult:
    run: Run
    reread: list[str]
    written: list[str]
    summary: str


def build(srcdir: Path, outdir: Path, jobs: list[str] = JOBS) -> BuildResult:
    doctrees = outdir / ".doctrees"
    before_doc = mtimes(doctrees, "**/*.doctree") if doctrees.is_dir() else {}
    before_html = mtimes(outdir, "**/*.html") if outdir.is_dir() else {}
    item = run(sphinx_cmd(srcdir, outdir, jobs))
    after_doc = mtimes(doctrees, "**/*.doctree")
    docnames = {k[: -len(".doctree")] for k in after_doc}
    reread = [k[: -len(".doctree")] for k in changed(before_doc, after_doc)]
    written = [
        k[: -len(".html")]
        for k in changed(before_html, mtimes(outdir, "**/*.html"))
        if k[: -len(".html")] in docnames
    ]
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", item.stdout)
    summary = match.group(0) if match else ""
    extra = re.search(r"handbook : (\d+) article\(s\) à relire", item.stdout)
    if extra:
        summary += f" (+{extra[1]} relus par l'extension)"
    return BuildResult(item, reread, written, summary)


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
    repo: Path, work: Path, size: int, full_repeat: int, repeat: int, log
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


def floor_conf(theme: str) -> str:
    """conf.py of a floor build: the handbook's settings without handbook.site."""
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
    lines = [
        '"""Floor build for bench/run.py: no handbook.site (generated by the bench)."""',
        'project = "plancher"',
        'extensions = ["myst_parser", "sphinx_design"]',
    ]
    lines += [f"{name} = {real[name]!r}" for name in keep if name in real]
    if theme != "same":
        lines.append('html_theme = "alabaster"')
    return "\n".join(lines) + "\n"


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


def bench_floors(repo: Path, work: Path, log) -> dict[str, Any]:
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
        (srcdir / "conf.py").write_text(floor_conf(theme), "utf-8")
        shutil.copy2(repo / "docs" / "docutils.conf", srcdir / "docutils.conf")
        log(f"plancher : thème {'identique' if theme == 'same' else 'par défaut (alabaster)'}")
        result = build(srcdir, work / f"html-floor-{theme}")
        results[theme] = Series([result.run], {"pages": len(result.reread)})
    return results


def bench_jobs(repo: Path, work: Path, log) -> Series:
    srcdir = repo / "docs"
    clean_generated(srcdir)
    outdir = work / "html-j1"
    log("construction complète en -j 1 (500 articles)")
    result = build(srcdir, outdir, ["-j", "1"])
    return Series([result.run], {"pages": len(result.reread)})


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------


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


def versions() -> list[str]:
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return found


def git_state() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "inconnu"
    return head + (" (avec des modifications locales)" if dirty else "")


def machine_lines(started: datetime, load_before: tuple[float, ...], elapsed: float) -> list[str]:
    load_after = os.getloadavg()
    return [
        f"- Date : {started:%Y-%m-%d %H:%M} ; durée totale de la mesure : {elapsed / 60:.1f} min.",
        f"- Machine : {os.cpu_count()} processeur(s) logique(s), {platform.machine()}, "
        f"{platform.system()} {platform.release()}.",
        f"- Charge moyenne (1 min) au début : {load_before[0]:.2f}, à la fin : {load_after[0]:.2f} "
        "(une charge supérieure au nombre de processeurs signifie que d'autres programmes "
        "tournaient en même temps : les temps « mur » en souffrent, moins les temps CPU).",
        f"- Python {platform.python_version()} ; {', '.join(versions())}.",
        f"- Dépôt : commit {git_state()}.",
    ]


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
        out.append("")
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


def _values(values: list[int]) -> str:
    unique = sorted(set(values))
    return str(unique[0]) if len(unique) == 1 else f"{min(values)}–{max(values)}"


def large_report(builds: dict[str, Any], converter: dict[str, Any], head: list[str]) -> str:
    out = ["## Grande taille (`make bench-large`, 2 000 articles)", "", *head, ""]
    for size, series in converter.items():
        corpus = series.extra["corpus"]
        again = series.extra["reimport"]
        out.append(
            f"Import de {num(size)} articles ({corpus['bytes'] / 1e6:.1f} Mo de texte) : "
            f"{fmt_series(series)}, {series.peak():.0f} Mo au plus ; ré-import sans changement : "
            f"{again['written']} fichier(s) écrit(s) en {fmt_s(again['wall'])}."
        )
    out.append("")
    out += build_tables(builds, "Constructions à 2 000 articles")
    return "\n".join(out)


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


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesures de performance du manuel.")
    parser.add_argument("--large", action="store_true", help="constructions à 2 000 articles")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="essai rapide (50 articles, un essai, RESULTS.md non modifié)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="garde le dossier de travail temporaire"
    )
    args = parser.parse_args(argv)

    started = datetime.now()
    load_before = os.getloadavg()
    clock = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - clock:6.0f} s] {message}", flush=True)

    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    log(f"dossier de travail : {work}")
    try:
        warm_up()
        if args.large:
            converter = bench_converter(work, {2000: 1}, log)
            repo = Path(converter["2000"].extra["repo"])
            builds = {"2000": bench_builds(repo, work, 2000, 1, 1, log)}
            head = machine_lines(started, load_before, time.perf_counter() - clock)
            dump_raw("large", {"converter": converter, "builds": builds})
            write_results("large", large_report(builds, converter, head))
            log(f"résultats écrits dans {RESULTS.relative_to(REPO)}")
            return 0
        if args.quick:
            sizes, repeat, build_sizes = {50: 1}, 1, {"50": (1, 1)}
        else:
            sizes, repeat, build_sizes = {50: 3, 500: 3, 5000: 1}, 3, {"50": (3, 3), "500": (1, 3)}
        converter = bench_converter(work, sizes, log)
        real = bench_real(repeat, log)
        builds = {}
        for size, (full_repeat, rebuild_repeat) in build_sizes.items():
            repo = Path(converter[size].extra["repo"])
            builds[size] = bench_builds(repo, work, int(size), full_repeat, rebuild_repeat, log)
        data: dict[str, Any] = {"converter": converter, "real": real, "builds": builds}
        if "500" in builds:
            repo = Path(converter["500"].extra["repo"])
            data["floors"] = bench_floors(repo, work, log)
            data["jobs"] = bench_jobs(repo, work, log)
        head = machine_lines(started, load_before, time.perf_counter() - clock)
        report, verdicts = main_report(data, head)
        dump_raw("quick" if args.quick else "main", data)
        if args.quick:
            print(report)
        else:
            write_results("main", report)
            log(f"résultats écrits dans {RESULTS.relative_to(REPO)}")
        for label, ok in verdicts.items():
            print(f"  {'—' if ok is None else ('OK ' if ok else 'RATÉ')}  {label}")
        return 0
    finally:
        if args.keep:
            log(f"dossier de travail gardé : {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
