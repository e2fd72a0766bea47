"""Measure the line-role model on data it was not fitted on (part of ``make eval``).

Three protocols, on the hand-written annotations of ``tests/data``
(``ROLES.md``):

(a) the five dumps, scored by the shipped model (trained on everything:
    in-sample, an upper bound, not evidence of generalisation);
(b) the unseen-layout pages, scored by a model trained without any of them
    (the five dumps and the fixtures only), and leave-one-page-out (each page
    scored by a model trained on everything else);
(c) leave-one-source-out: each of the five dumps scored by a model trained
    on everything but that dump.

Then what each signal family contributes: the same folds as (b)+(c) with
the family's features removed, and the loss in macro F1 and boundary F1.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pycrfsuite
from handbook.convert.label import FAMILIES, Example, decode, examples, split_label, train

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

Predictions = list[tuple[Example, list[str]]]


def _without(family: str | None) -> Callable[[list[list[str]]], list[list[str]]]:
    def strip(xseq: list[list[str]]) -> list[list[str]]:
        if family is None:
            return xseq
        if family == "ctx":
            return [[f for f in row if not f.startswith("ctx.")] for row in xseq]
        own = family + "."
        return [
            [f for f in row if not (f.startswith(own) or f.split(":", 1)[-1].startswith(own))]
            for row in xseq
        ]

    return strip


def fit_and_tag(
    train_on: Sequence[Example], test_on: Sequence[Example], family: str | None = None
) -> Predictions:
    strip = _without(family)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.crfsuite"
        train(((strip(e.xseq), e.yseq) for e in train_on), path)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        out = []
        for e in test_on:
            lines = [line for line in e.source.lines if not line.blank]
            # the pipeline's decoding: unsure chrome kept, first line of text starts…
            out.append((e, [item.label for item in decode(tagger, strip(e.xseq), lines)]))
        return out


class Scores:
    """Per-role, boundary and title precision/recall of a set of predictions."""

    def __init__(self, predictions: Predictions) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()
        self.lines = 0
        for example, predicted in predictions:
            for want, got in zip(example.yseq, predicted, strict=True):
                self.lines += 1
                want_start, want_role = split_label(want)
                got_start, got_role = split_label(got)
                self._count(want_role, got_role)
                self._pair("début d’article", want_start, got_start)
                self._pair(
                    "titre", want_start and want_role == "title", got_start and got_role == "title"
                )

    def _count(self, want: str, got: str) -> None:
        if want == got:
            self.tp[want] += 1
        else:
            self.fp[got] += 1
            self.fn[want] += 1

    def _pair(self, name: str, want: bool, got: bool) -> None:
        key = "@" + name
        if want and got:
            self.tp[key] += 1
        elif got:
            self.fp[key] += 1
        elif want:
            self.fn[key] += 1

    def prf(self, key: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[key], self.fp[key], self.fn[key]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def roles(self) -> list[str]:
        return sorted(k for k in set(self.tp) | set(self.fn) if not k.startswith("@"))

    def support(self, key: str) -> int:
        return self.tp[key] + self.fn[key]

    def macro_f1(self) -> float:
        roles = self.roles()
        return sum(self.prf(r)[2] for r in roles) / len(roles) if roles else 0.0

    def accuracy(self) -> float:
        hits = sum(v for k, v in self.tp.items() if not k.startswith("@"))
        return hits / self.lines if self.lines else 0.0


def _table(columns: list[tuple[str, Scores]]) -> list[str]:
    head = "| rôle | " + " | ".join(f"{name} P | R | F1 (n)" for name, _ in columns) + " |"
    rule = "|---|" + "---|---|---|" * len(columns)
    rows = [head, rule]
    keys = sorted({k for _n, s in columns for k in s.roles()})
    for key in [*keys, "@début d’article", "@titre"]:
        cells = []
        for _name, scores in columns:
            p, r, f = scores.prf(key)
            cells.append(f"{p:.2f} | {r:.2f} | {f:.2f} ({scores.support(key)})")
        label = f"**{key[1:]}**" if key.startswith("@") else key
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    rows.append(
        "| *exactitude (lignes)* | "
        + " | ".join(f"{s.accuracy():.3f} | | ({s.lines})" for _n, s in columns)
        + " |"
    )
    rows.append(
        "| *F1 macro (rôles)* | "
        + " | ".join(f"{s.macro_f1():.3f} | |" for _n, s in columns)
        + " |"
    )
    return rows


ABLATION_UNSEEN_FOLDS = 4  # the unseen pages, in this many groups, for the ablation


def _folds(
    found: list[Example], family: str | None = None, unseen_folds: int = 0
) -> tuple[Predictions, Predictions]:
    """Leave-one-source-out on the dumps, leave-one-page-out on the unseen pages.

    With ``unseen_folds``, the unseen pages are left out by groups of pages
    instead of one by one (cheaper, for the ablation).
    """
    corpus: Predictions = []
    unseen: Predictions = []
    for example in found:
        if example.group == "corpus":
            corpus.extend(fit_and_tag([e for e in found if e is not example], [example], family))
    pages = [e for e in found if e.group == "unseen"]
    groups = [[p] for p in pages]
    if unseen_folds:
        groups = [pages[i::unseen_folds] for i in range(unseen_folds)]
    for group in groups:
        unseen.extend(fit_and_tag([e for e in found if e not in group], group, family))
    return corpus, unseen


def report(root: Path = ROOT) -> str:
    found = examples(root, root / "tests" / "data")
    corpus = [e for e in found if e.group == "corpus"]
    unseen = [e for e in found if e.group == "unseen"]
    fixtures = [e for e in found if e.group == "fixtures"]
    in_sample = Scores(fit_and_tag(found, corpus))
    never_seen = Scores(fit_and_tag(corpus + fixtures, unseen))
    loso, lopo = _folds(found)
    lines = [
        "## Rôles des lignes, débuts d’article et titres",
        "",
        f"Annotations écrites à la main (`tests/data/ROLES.md`) : {len(corpus)} dumps "
        f"({sum(len(e.yseq) for e in corpus)} lignes), {len(unseen)} pages de mises en page "
        f"inédites ({sum(len(e.yseq) for e in unseen)} lignes), {len(fixtures)} petits cas "
        f"des fixtures ({sum(len(e.yseq) for e in fixtures)} lignes). Modèle : CRF linéaire "
        "(python-crfsuite), `tools/handbook/convert/label.py`.",
        "",
        "Colonnes : (a) les 5 dumps, modèle livré (entraîné aussi sur eux : borne haute) ; "
        "(b1) pages inédites, modèle entraîné sans aucune d’elles ; (b2) pages inédites, "
        "chacune notée par un modèle entraîné sur tout le reste ; (c) chaque dump noté par un "
        "modèle entraîné sans lui (leave-one-source-out).",
        "",
        *_table(
            [
                ("(a)", in_sample),
                ("(b1)", never_seen),
                ("(b2)", Scores(lopo)),
                ("(c)", Scores(loso)),
            ]
        ),
        "",
        "### Apport de chaque famille de signaux",
        "",
        f"Plis de (c) et pages inédites en {ABLATION_UNSEEN_FOLDS} groupes, le modèle "
        "réentraîné sans la famille : perte de F1 macro des rôles et de F1 des débuts "
        "d’article (positive = la famille aide).",
        "",
        "| famille | F1 macro | perte | F1 débuts | perte |",
        "|---|---|---|---|---|",
    ]
    dumps, pages = _folds(found, None, ABLATION_UNSEEN_FOLDS)
    base = Scores(dumps + pages)
    base_macro, base_start = base.macro_f1(), base.prf("@début d’article")[2]
    lines.append(f"| (toutes) | {base_macro:.3f} | | {base_start:.3f} | |")
    for family, name in FAMILIES.items():
        a, b = _folds(found, family, ABLATION_UNSEEN_FOLDS)
        scores = Scores(a + b)
        macro, start = scores.macro_f1(), scores.prf("@début d’article")[2]
        lines.append(
            f"| {name} (`{family}`) | {macro:.3f} | {base_macro - macro:+.3f} | "
            f"{start:.3f} | {base_start - start:+.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    print(report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
