"""Retrain the line-role model from the annotations (``make model``).

Writes ``tools/handbook/convert/roles.crfsuite`` from every annotated dump of
``tests/data`` (the five dumps and the unseen-layout pages). Training is
deterministic: the same annotations give the same model.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handbook.convert.label import examples, model_path, train

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    found = examples(ROOT, ROOT / "tests" / "data")
    train(((e.xseq, e.yseq) for e in found), model_path())
    lines = sum(len(e.yseq) for e in found)
    print(f"modèle des rôles de ligne : {len(found)} fichiers, {lines} lignes -> {model_path()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
