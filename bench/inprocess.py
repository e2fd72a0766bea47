"""Work timed inside a measured process: ``python -m bench.inprocess JOB``.

``warm-up`` imports every measured module (fills the bytecode cache);
``real-corpus`` runs the converter on ``sources/`` of the current directory
without writing anything and prints its own timings as one JSON line.
The handbook is imported inside the functions, after the clock starts.
"""

from __future__ import annotations

import importlib
import json
import sys
import time

WARM_MODULES = (
    "handbook.cli",
    "handbook.convert.pipeline",
    "handbook.site",
    "handbook.commands.check",
    "sphinx.cmd.build",
    "myst_parser",
    "sphinx_design",
    "sphinx_book_theme",
)


def warm_up() -> None:
    for name in WARM_MODULES:
        importlib.import_module(name)


def real_corpus() -> None:
    """``full_analysis`` + rendering of every page, as ``handbook import`` does."""
    t0 = time.perf_counter()
    from pathlib import Path

    from handbook.common.layout import DROPPED_REPORT
    from handbook.convert.pipeline import default_sources, full_analysis, render_all
    from handbook.convert.report import render_dropped_report

    t1, c1 = time.perf_counter(), time.process_time()
    root = Path.cwd()
    analysis, plan, _ignored = full_analysis(default_sources(root), root)
    pages = render_all(plan)
    pages[DROPPED_REPORT.as_posix()] = render_dropped_report(analysis)
    t2, c2 = time.perf_counter(), time.process_time()
    timings = {
        "imports": t1 - t0,
        "work": t2 - t1,
        "work_cpu": c2 - c1,
        "articles": len(plan.articles),
        "pages": len(pages),
    }
    print(json.dumps(timings))


JOBS = {"warm-up": warm_up, "real-corpus": real_corpus}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in JOBS:
        print(f"usage : python -m bench.inprocess {{{','.join(JOBS)}}}", file=sys.stderr)
        return 2
    JOBS[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
