"""Synthetic dumps shaped like ours, for benchmarks and tests.

``generate(out_dir, articles=500, seed=1)`` writes plain-text dumps that look
like the real ones in ``sources/`` and returns the ground truth (the planted
unique titles and the planted site-chrome lines), which can also be written
as JSON. Deterministic: the same seed and size give byte-identical files. No
network, no data file: the words are in :mod:`bench.vocabulary`, the prose
is written by :mod:`bench.prose`, this module lays it out in files.

Three kinds of files, exercising the same code paths as the real corpus:

* **blog** dumps (like ``blog-lpcpon-*.txt``): articles glued one after
  another. Each title has one of the shapes the segmenter recognises: shown
  twice (title repeated on the next line), all capitals, followed by a byline
  (``Par Prénom Nom`` or ``Promotion 2019-2020``), or a plain title found by
  lexical cohesion only (always after a full article or after a closing
  byline such as ``Propos recueillis par …``). Bodies hold section headings,
  bullets ``  • …``, quotations ``« … »``, interviews (questions and
  ``Prénom : “…”`` answers), captions and credits (``Photo : …``, ``© …``,
  ``Source : …``), ``Publié le :`` dates and signatures. Site chrome:
  ``Image d'en tête - …`` at the top of some files, ``Lire la suite…`` and
  ``Évaluer cet article :`` with its rating between some articles.
* **feed** dumps (like ``labo-societe-numerique-actus.txt``): items ended by
  ``L’article <titre> est apparu en premier sur <site>.`` and
  ``Accéder à l'intégralité du contenu``; the items of one site also carry
  that site's profile chrome (``[En construction]``, ``Les actus du Labo…``).
* **page** dumps (like ``capcom-rencontres-2014.txt``): ``Titre | Cap'Com``
  lines followed by the same title, tags and ``Publié le :``, upper-case
  session headings, the ``webleads-tracker`` line and ``Évaluer ce
  document:`` widgets.

About a quarter of the blog and feed articles appear in two (sometimes
three) files; some of these copies are truncated (a blog copy cut short at
the end of its file, a feed excerpt). Titles are distinctive (a rare word,
a number spelled in letters or a place, a topic), so that a perfect
segmenter finds each of them exactly.

Command line: ``python -m bench.synthetic OUT_DIR --articles 500 --seed 1
--truth truth.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.prose import Article, TitleGuard, make_article, pick
from bench.vocabulary import BLOG_SITE, FEED_SITES, number_in_letters

__all__ = ["GroundTruth", "PlantedArticle", "build_corpus", "generate", "number_in_letters"]

# Shares (in this order) of the unique articles of each kind.
KIND_SHARES = (("page", 0.08), ("feed", 0.27))  # the rest are blog articles
DUPLICATE_SHARE = 0.25  # blog and feed articles copied in another file
THIRD_COPY_SHARE = 0.12  # of the duplicated ones, copied a third time
TRUNCATED_SHARE = 0.35  # of the extra copies, truncated


# --------------------------------------------------------------------------
# ground truth
# --------------------------------------------------------------------------


@dataclass
class PlantedArticle:
    """One unique article and where its copies were written."""

    title: str
    kind: str  # blog, feed, page
    shape: str  # repeated, upper, byline, cohort, interview, plain, feed, page
    occurrences: list[tuple[str, int, bool]] = field(default_factory=list)  # file, line, truncated


@dataclass
class GroundTruth:
    """What was planted: unique titles, chrome lines, files."""

    seed: int
    articles: list[PlantedArticle]
    chrome: list[tuple[str, int, str]]  # file name (relative to the output folder), line, text
    files: list[str]
    total_bytes: int

    @property
    def titles(self) -> list[str]:
        return [article.title for article in self.articles]

    @property
    def occurrences(self) -> int:
        return sum(len(article.occurrences) for article in self.articles)

    def as_dict(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "unique_articles": len(self.articles),
            "occurrences": self.occurrences,
            "files": self.files,
            "total_bytes": self.total_bytes,
            "titles": self.titles,
            "articles": [asdict(article) for article in self.articles],
            "chrome": [list(item) for item in self.chrome],
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=1) + "\n", "utf-8")


# --------------------------------------------------------------------------
# files
# --------------------------------------------------------------------------


@dataclass
class _Copy:
    article: Article
    truncated: bool = False


class _File:
    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.chrome: list[tuple[int, str]] = []

    def add(self, *lines: str, chrome: bool = False) -> int:
        """Append lines; return the number (1-based) of the first one."""
        first = len(self.lines) + 1
        for line in lines:
            self.lines.append(line)
            if chrome and line.strip():
                self.chrome.append((len(self.lines), line))
        return first

    def text(self) -> str:
        while self.lines and not self.lines[-1].strip():
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _truncate(body: list[str], rng: random.Random) -> list[str]:
    """The first few paragraphs of a body (a copy cut short)."""
    paragraphs = [i for i, line in enumerate(body) if line == ""]
    keep = rng.randint(2, max(2, min(4, len(paragraphs) - 2)))
    return body[: paragraphs[keep - 1] + 1] if len(paragraphs) >= keep else body


def _per_file(count: int, low: int, high: int) -> int:
    return max(low, min(high, count // 6 or 1))


def _spread(
    copies: list[list[_Copy]], rng: random.Random, size: int, *, tail: bool
) -> list[list[_Copy]]:
    """First copies in order, files of ``size``; extra copies inserted in other files.

    With ``tail``, a truncated copy is the last article of its file (a blog
    dump cut short) and a file holds at most one of them.
    """
    firsts = [group[0] for group in copies]
    files = [firsts[i : i + size] for i in range(0, len(firsts), size)] or [[]]
    home = {}
    for number, items in enumerate(files):
        for item in items:
            home[id(item.article)] = {number}
    has_tail: set[int] = set()
    for group in copies:
        for extra in group[1:]:
            taken = home[id(extra.article)]
            free = [n for n in range(len(files)) if n not in taken]
            if not free:
                continue
            number = rng.choice(free)
            taken.add(number)
            if tail and extra.truncated:
                if number in has_tail:
                    extra.truncated = False
                else:
                    has_tail.add(number)
                    files[number].append(extra)
                    continue
            limit = len(files[number]) - (1 if number in has_tail else 0)
            files[number].insert(rng.randint(0, max(0, limit)), extra)
    return files


def build_corpus(articles: int, seed: int = 1) -> tuple[dict[str, str], GroundTruth]:
    """The dumps (file name -> text) and their ground truth, in memory."""
    if articles < 1:
        raise ValueError("articles must be ≥ 1")
    rng = random.Random(seed)
    guard = TitleGuard()
    kinds: list[str] = [pick(rng, KIND_SHARES, "blog") for _ in range(articles)]
    planted = [make_article(rng, index, kind, guard) for index, kind in enumerate(kinds)]
    truth_of = {id(a): PlantedArticle(a.title, a.kind, a.shape) for a in planted}

    def copies_of(kind: str) -> list[list[_Copy]]:
        groups = []
        for article in planted:
            if article.kind != kind:
                continue
            group = [_Copy(article)]
            if kind != "page" and rng.random() < DUPLICATE_SHARE:
                extra = 2 if rng.random() < THIRD_COPY_SHARE else 1
                group += [_Copy(article, rng.random() < TRUNCATED_SHARE) for _ in range(extra)]
            groups.append(group)
        return groups

    files: list[_File] = []
    # blog dumps
    blog = copies_of("blog")
    for number, items in enumerate(
        _spread(blog, rng, _per_file(len(blog), 4, 30), tail=True), start=1
    ):
        dump = _File(f"blog-synth-{number:03d}.txt")
        if rng.random() < 0.5:
            dump.add(f"Image d'en tête - {BLOG_SITE}", chrome=True)
            dump.add("")
        # A truncated copy is always the last article of its file, so a plain
        # title (found by cohesion only) always follows a complete article.
        for item in items:
            article = item.article
            first = dump.add(*article.head)
            body = _truncate(article.body, rng) if item.truncated else article.body
            dump.add(*body)
            truth_of[id(article)].occurrences.append((dump.name, first, item.truncated))
            if article.chrome_after and not item.truncated:
                dump.add(*article.chrome_after, chrome=True)
                dump.add("")
            dump.add("")
        if rng.random() < 0.5 and not items[-1].truncated:
            dump.add(f"Ce blog est animé par les étudiants de la {BLOG_SITE} (LP CP&ON).")
        files.append(dump)
    # feed dumps
    feed = copies_of("feed")
    spread = _spread(feed, rng, _per_file(len(feed), 4, 30), tail=False)
    for number, items in enumerate(spread, start=1):
        prefix, site, top = FEED_SITES[number % len(FEED_SITES)]
        dump = _File(f"{prefix}-{number:03d}.txt")
        for line in top:
            dump.add(line, chrome=True)
            dump.add("", "")
        for item in items:
            article = item.article
            body = _truncate(article.body, rng) if item.truncated else article.body
            first = dump.add(*body)
            dump.add(f"L’article {article.title} est apparu en premier sur {site}.", "", "")
            dump.add("Accéder à l'intégralité du contenu", chrome=True)
            dump.add("")
            truth_of[id(article)].occurrences.append((dump.name, first, item.truncated))
        files.append(dump)
    # page dumps
    pages = [group[0] for group in copies_of("page")]
    size = _per_file(len(pages), 2, 6)
    for number, start in enumerate(range(0, len(pages), size), start=1):
        dump = _File(f"rencontres-capcom-{number:03d}.txt")
        dump.add("webleads-tracker", chrome=True)
        dump.add("")
        for item in pages[start : start + size]:
            article = item.article
            first = dump.add(*article.head)
            dump.add(*article.body)
            dump.add(*article.chrome_after, chrome=True)
            dump.add("")
            truth_of[id(article)].occurrences.append((dump.name, first, False))
        files.append(dump)
    texts = {dump.name: dump.text() for dump in files}
    chrome = [(dump.name, number, text) for dump in files for number, text in dump.chrome]
    truth = GroundTruth(
        seed=seed,
        articles=[truth_of[id(a)] for a in planted],
        chrome=chrome,
        files=sorted(texts),
        total_bytes=sum(len(t.encode("utf-8")) for t in texts.values()),
    )
    return texts, truth


def generate(
    out_dir: Path, articles: int, seed: int = 1, *, truth_path: Path | None = None
) -> GroundTruth:
    """Write the synthetic dumps into ``out_dir`` (created); return the ground truth."""
    texts, truth = build_corpus(articles, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in sorted(texts):
        (out_dir / name).write_bytes(texts[name].encode("utf-8"))
    if truth_path is not None:
        truth.write_json(truth_path)
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description="Écrit un corpus synthétique de dumps (mêmes formes que sources/).",
    )
    parser.add_argument("out_dir", type=Path, help="dossier où écrire les fichiers .txt")
    parser.add_argument("--articles", type=int, default=50, help="nombre d'articles uniques")
    parser.add_argument("--seed", type=int, default=1, help="graine (même graine, mêmes fichiers)")
    parser.add_argument("--truth", type=Path, help="fichier JSON où écrire la vérité terrain")
    args = parser.parse_args(argv)
    truth = generate(args.out_dir, args.articles, args.seed, truth_path=args.truth)
    print(
        f"{len(truth.files)} fichier(s), {len(truth.articles)} article(s) uniques, "
        f"{truth.occurrences} occurrence(s), {truth.total_bytes / 1e6:.1f} Mo."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
