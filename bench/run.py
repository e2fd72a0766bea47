"""Entry point of ``make bench`` (``bench/run.py``) and ``make bench-large`` (``--large``).

Parses the options, runs the scenarios (:mod:`bench.scenarios`, measured by
:mod:`bench.measure`) in a temporary folder and writes their section of
bench/RESULTS.md (:mod:`bench.report`). ``--quick``: 50 articles, one try,
the report printed instead of written. See bench/README.md (in French).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# Run as a script, Python puts bench/ first on the path: put the repository
# root before it, so that the bench package and its modules are importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import machine_lines
from bench.measure import REPO, warm_up
from bench.report import RESULTS, dump_raw, large_report, main_report, write_results
from bench.scenarios import LARGE, MAIN, QUICK, run_plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesures de performance du manuel.")
    parser.add_argument(
        "--large", action="store_true", help="constructions à 3 000 articles, et leurs planchers"
    )
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
        data = run_plan(LARGE if args.large else QUICK if args.quick else MAIN, work, log)
        head = machine_lines(started, load_before, time.perf_counter() - clock)
        if args.large:
            dump_raw("large", data)
            write_results("large", large_report(data, head))
            log(f"résultats écrits dans {RESULTS.relative_to(REPO)}")
            return 0
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
