"""Helpers for the tests: copies of the repository, the ``handbook`` command,
real strict Sphinx builds and the comparison of their outputs.

Builds run in a subprocess (``python -m sphinx``) so that each one starts
from a clean interpreter, exactly like ``make html``; so does the
``handbook`` command (its console script, as a user runs it).
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"
PYPROJECT = REPO_ROOT / "pyproject.toml"

# Same strictness as the Makefile's SPHINXOPTS.
STRICT_OPTIONS = ("-W", "--keep-going", "-n")
#: plain output whatever the environment (CI=true makes Sphinx colour it),
#: so that tests can read Sphinx's messages
PLAIN_OUTPUT = ("--no-color",)

BUILD_TIMEOUT_S = 300
CLI_TIMEOUT_S = 120

#: The console script ``pip install -e .`` put next to the interpreter running
#: the tests (``.venv/bin/handbook``): the entry point a user runs.
HANDBOOK_SCRIPT = Path(sys.executable).parent / "handbook"

#: Pages the Sphinx extension writes into docs/ at build time (git-ignored,
#: see .gitignore), and Sphinx's own output folder. A copy of the handbook
#: leaves them out, so that its build generates them from scratch, as in a
#: fresh clone.
_NOT_COPIED_FROM_DOCS = frozenset(
    {"_build", "themes", "glossaire.md", "contribuer.md", "credits.md"}
)

#: Parts of a Sphinx output that are build-time values, not the site: the
#: doctrees and the pickled environment (Sphinx's cache for incremental
#: builds) hold absolute source paths and timestamps. Everything else
#: (.buildinfo included: hashes of the configuration and tags) is compared
#: byte for byte by :func:`output_differences`.
BUILD_TIME_OUTPUT = (".doctrees",)

#: PYTHONHASHSEED of the session's shared build of the real handbook
#: (tests/conftest.py), fixed so that tests/test_determinism.py can compare it
#: with builds made under another seed.
REAL_BUILD_HASH_SEED = "1"


@dataclass(frozen=True)
class HandbookBuild:
    """A strict build of a copy of the real handbook (tests/conftest.py's ``real_handbook``)."""

    #: the copy of the repository that was built (docs/, sources/...)
    root: Path
    #: the HTML output (doctrees in ``html/.doctrees``)
    html: Path
    result: subprocess.CompletedProcess[str]


def copy_handbook(root: Path) -> Path:
    """Copy the real handbook under ``root`` and return ``root``.

    ``docs/`` (without its build output and build-generated pages),
    ``sources/``, ``pyproject.toml`` (read by conf.py) and ``CONTRIBUTING.md``
    (the « Contribuer » page): everything ``make html``, ``handbook check``
    and ``handbook import`` read.
    """

    def ignore(folder: str, names: list[str]) -> set[str]:
        return set(names) & _NOT_COPIED_FROM_DOCS if Path(folder) == DOCS_DIR else set()

    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(DOCS_DIR, root / "docs", ignore=ignore)
    shutil.copytree(REPO_ROOT / "sources", root / "sources")
    for name in ("pyproject.toml", "CONTRIBUTING.md"):
        shutil.copy2(REPO_ROOT / name, root / name)
    return root


def copy_inputs(root: Path, *, sources: bool = True) -> Path:
    """A handbook without pages under ``root`` (returned): the data files and conf.py,
    and a copy of the dumps (an empty ``sources/`` with ``sources=False``)."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copytree(DOCS_DIR / "_data", root / "docs" / "_data")
    shutil.copy2(DOCS_DIR / "conf.py", root / "docs" / "conf.py")
    if sources:
        shutil.copytree(REPO_ROOT / "sources", root / "sources")
    else:
        (root / "sources").mkdir()
    return root


def run_handbook(
    *args: str | Path,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess[Any]:
    """Run ``handbook ARGS`` in ``cwd`` through its console script; never raises on failure.

    Output is decoded as UTF-8 (the script is told to write UTF-8); with
    ``text=False`` it is left as bytes, line ends untouched. ``env`` is added
    to the current environment.
    """
    if not HANDBOOK_SCRIPT.is_file():
        raise RuntimeError(f"{HANDBOOK_SCRIPT} is missing: run `pip install -e .` in the venv")
    return subprocess.run(
        [str(HANDBOOK_SCRIPT), *map(str, args)],
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        capture_output=True,
        text=text,
        encoding="utf-8" if text else None,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )


def build(
    srcdir: Path | str,
    outdir: Path | str,
    extra_args: Iterable[str] = (),
    builder: str = "html",
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build ``srcdir`` into ``outdir`` strictly; never raises on failure.

    The doctrees go to ``outdir/.doctrees`` (Sphinx's default), so building
    the real ``docs/`` writes nothing inside the repository. ``env`` is
    added to the current environment (e.g. ``{"PYTHONHASHSEED": "2"}``).
    """
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        *STRICT_OPTIONS,
        *PLAIN_OUTPUT,
        *extra_args,
        str(srcdir),
        str(outdir),
    ]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=BUILD_TIMEOUT_S,
        check=False,
        env={**os.environ, **env} if env else None,
    )


def make_project(
    root: Path,
    pages: Mapping[str, str],
    *,
    index: str | None = None,
    conf_py: str | None = None,
    copy_docutils_conf: bool = True,
) -> Path:
    """Create a tiny project laid out like the repository and return its docs dir.

    ``root/pyproject.toml`` is a copy of the real one and ``root/docs/conf.py``
    and ``root/docs/docutils.conf`` are copies of the real files, unmodified,
    so the tiny project is built with exactly the handbook's configuration.

    ``pages`` maps a docname (``"page"`` -> ``page.md``) to its Markdown text.
    Unless ``index`` is given, ``index.md`` gets a toctree listing every page,
    so that no page triggers the "not included in any toctree" warning.
    ``conf_py`` replaces the copied conf.py (to test docutils.conf alone) and
    ``copy_docutils_conf=False`` leaves docutils.conf out (to test conf.py
    alone).
    """
    docs = root / "docs"
    docs.mkdir(parents=True)
    shutil.copy2(PYPROJECT, root / "pyproject.toml")
    if conf_py is None:
        shutil.copy2(DOCS_DIR / "conf.py", docs / "conf.py")
    else:
        (docs / "conf.py").write_text(conf_py, encoding="utf-8")
    if copy_docutils_conf:
        shutil.copy2(DOCS_DIR / "docutils.conf", docs / "docutils.conf")

    if index is None:
        entries = "\n".join(pages)
        index = f"# Accueil\n\n```{{toctree}}\n{entries}\n```\n"
    (docs / "index.md").write_text(index, encoding="utf-8")
    for name, text in pages.items():
        path = docs / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return docs


def html_files(outdir: Path) -> list[Path]:
    """Every HTML file the build wrote (pages, genindex, search...)."""
    return sorted(p for p in Path(outdir).rglob("*.html") if ".doctrees" not in p.parts)


def describe(result: subprocess.CompletedProcess[str]) -> str:
    """Build output, for assertion messages."""
    return f"exit code {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file of a build's output, by POSIX path, except :data:`BUILD_TIME_OUTPUT`."""
    outdir = Path(outdir)
    files = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir)
        if path.is_file() and relative.parts[0] not in BUILD_TIME_OUTPUT:
            files[relative.as_posix()] = path.read_bytes()
    return files


def output_differences(one: Path, two: Path, *, shown: int = 3) -> str:
    """``""`` when two outputs hold the same files, byte for byte; else what differs.

    The report lists the files found in one output only and the files whose
    bytes differ, with a unified diff of the first ``shown`` of them.
    """
    first, second = output_files(one), output_files(two)
    only_first = sorted(first.keys() - second.keys())
    only_second = sorted(second.keys() - first.keys())
    changed = sorted(name for name in first.keys() & second.keys() if first[name] != second[name])
    if not (only_first or only_second or changed):
        return ""
    lines = [f"{len(first)} files in {one}, {len(second)} files in {two}"]
    lines += [f"only in {one}: {name}" for name in only_first]
    lines += [f"only in {two}: {name}" for name in only_second]
    lines += [f"differs: {name}" for name in changed]
    for name in changed[:shown]:
        diff = difflib.unified_diff(
            first[name].decode("utf-8", "replace").splitlines(),
            second[name].decode("utf-8", "replace").splitlines(),
            f"{one}/{name}",
            f"{two}/{name}",
            n=1,
            lineterm="",
        )
        lines += [line[:300] for line in list(diff)[:40]]
    return "\n".join(lines)
