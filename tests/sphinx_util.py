"""Helpers to run real, strict Sphinx builds from the tests.

Builds run in a subprocess (``python -m sphinx``) so that each one starts
from a clean interpreter, exactly like ``make html``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS_DIR = REPO_ROOT / "docs"
PYPROJECT = REPO_ROOT / "pyproject.toml"

# Same strictness as the Makefile's SPHINXOPTS.
STRICT_OPTIONS = ("-W", "--keep-going", "-n")

BUILD_TIMEOUT_S = 300


def build(
    srcdir: Path | str,
    outdir: Path | str,
    extra_args: Iterable[str] = (),
    builder: str = "html",
) -> subprocess.CompletedProcess[str]:
    """Build ``srcdir`` into ``outdir`` strictly; never raises on failure.

    The doctrees go to ``outdir/.doctrees`` (Sphinx's default), so building
    the real ``docs/`` writes nothing inside the repository.
    """
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        *STRICT_OPTIONS,
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
