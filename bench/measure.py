"""Running one measured process: wall time, CPU time and peak memory.

Each measure is a fresh subprocess; wall time is taken around it, CPU time
(user + system) and peak resident memory come from ``os.wait4``, i.e. from
the kernel's accounting of that very process and of the processes it waited
for (Sphinx's parallel workers included; the peak is the largest single
process, not a sum). :func:`build` also counts what a Sphinx build wrote.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
STRICT = ["-W", "--keep-going", "-n"]  # the Makefile's SPHINXOPTS
JOBS = ["-j", "auto"]  # the Makefile's default SPHINXJOBS

Log = Callable[[str], None]


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


def run_bench_module(module: str, *args: str) -> Run:
    """``python -m bench.<module> ARGS…`` from the repository root."""
    return run([sys.executable, "-m", f"bench.{module}", *args], cwd=REPO)


def handbook_cmd() -> list[str]:
    script = Path(sys.executable).with_name("handbook")
    return [str(script)] if script.exists() else [sys.executable, "-m", "handbook.cli"]


def sphinx_cmd(srcdir: Path, outdir: Path, jobs: list[str] = JOBS) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", *STRICT, *jobs, str(srcdir), str(outdir)]


def warm_up() -> None:
    """Import every measured module once, so that their bytecode is cached."""
    run_bench_module("inprocess", "warm-up")


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
# what a command wrote
# --------------------------------------------------------------------------


def mtimes(folder: Path, pattern: str) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.glob(pattern)
        if p.is_file()
    }


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(k for k, v in after.items() if before.get(k) != v)


@dataclass
class BuildResult:
    run: Run
    reread: list[str]
    written: list[str]
    summary: str


def build(srcdir: Path, outdir: Path, jobs: list[str] = JOBS) -> BuildResult:
    """One Sphinx build, with the pages it read and wrote again."""
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
