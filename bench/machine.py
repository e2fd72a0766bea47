"""What the measures ran on: date, machine, load, versions, repository state."""

from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime
from importlib import metadata

from bench.measure import REPO

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
