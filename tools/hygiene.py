"""Tiny hygiene checks for the optional pre-commit hooks (French messages).

Usage: ``python tools/hygiene.py end-of-file|yaml FILE…``; exit 1 on problems.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(argv: list[str]) -> int:
    mode, files = argv[0], argv[1:]
    problems = 0
    for name in files:
        data = Path(name).read_bytes()
        if mode == "end-of-file" and data and not data.endswith(b"\n"):
            print(f"{name}:1: le fichier doit se terminer par un saut de ligne (fin-de-fichier)")
            problems += 1
        if mode == "yaml":
            try:
                yaml.safe_load(data)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 1 if mark else 1
                print(f"{name}:{line}: YAML invalide ({getattr(exc, 'problem', exc)}) (yaml)")
                problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
