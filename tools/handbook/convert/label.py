"""Stage 2, label: the role of every line, learned from annotated dumps.

A linear-chain CRF (python-crfsuite) reads each dump as one sequence of
non-blank lines and gives every line a label: its role (``title``,
``heading2``, ``paragraph``, ``caption``, ``chrome``…, the roles of
``tests/data/ROLES.md``), prefixed with ``B-`` when an article starts on it.
Each line is described by the *shapes* of its text, never by a particular
article: the signal families of :data:`FAMILIES` (length, punctuation, case,
finite verb, position, layout, patterns, numbering, repetition, vocabulary
of short lines, and how the next lines relate to it), and the same shapes of
its neighbours. The CRF learns their weights and the transitions between
roles; ``make model`` retrains ``roles.crfsuite`` from the annotations, and
``make eval`` measures it on pages it was not trained on.

The labels are decisions with a confidence: the marginal probability of the
chosen label, and the runner-up label, for the review of doubtful lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..common.similarity import cosine
from ..data.annotations import Row, annotated_files
from ..data.corrections import Corrections
from . import shapes
from .chrome import same_line
from .model import Line, LineLabel, SourceText
from .read import read_source

MODEL_NAME = "roles.crfsuite"
#: the CRF's training parameters (L-BFGS with elastic-net regularisation)
TRAINING = {"c1": 0.05, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}

#: finite forms of the commonest verbs and auxiliaries: a line holding one is
#: probably a sentence, not a heading (a cheap stand-in for a tagger)
FINITE_VERBS = frozenset(
    [
        "est",
        "sont",
        "était",
        "étaient",
        "sera",
        "seront",
        "serait",
        "seraient",
        "été",
        "a",
        "ont",
        "avait",
        "avaient",
        "aura",
        "auront",
        "aurait",
        "ai",
        "as",
        "avons",
        "avez",
        "suis",
        "es",
        "sommes",
        "êtes",
        "fut",
        "furent",
        "peut",
        "peuvent",
        "pourra",
        "pourrait",
        "doit",
        "doivent",
        "devra",
        "devrait",
        "faut",
        "fallait",
        "fait",
        "font",
        "faisait",
        "va",
        "vont",
        "allait",
        "vient",
        "viennent",
        "permet",
        "permettent",
        "permettait",
        "reste",
        "restent",
        "devient",
        "deviennent",
        "semble",
        "semblent",
        "sait",
        "savent",
        "voit",
        "voient",
        "dit",
        "disent",
        "prend",
        "prennent",
        "met",
        "mettent",
        "donne",
        "donnent",
        "propose",
        "proposent",
        "présente",
        "présentent",
        "explique",
        "expliquent",
        "souligne",
        "rappelle",
        "estime",
        "ajoute",
        "précise",
        "indique",
        "affirme",
        "lance",
        "lancent",
        "organise",
        "organisent",
        "accueille",
        "offre",
        "offrent",
        "existe",
        "existent",
        "compte",
        "comptent",
        "s'agit",
        "agit",
        "travaille",
        "travaillent",
    ]
)
PRONOUN_VERB = re.compile(r"\b(?:je|j'|j’|il|elle|on|nous|vous|ils|elles|qui)\s+\w{2,}", re.I)
ROMAN = re.compile(r"^\s*(?:[IVX]{1,4})[.)–-]\s+\S")
MULTI_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})+)\.?\s+\S")
NUMBER_SPACE = re.compile(r"^\s*\d{1,2}\s{2,}\S")
PAREN_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-z])\)\s+\S")
TIME_START = re.compile(r"^\s*\d{1,2}\s?[hH]\s?\d{0,2}\b")
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|tiff?)\b", re.I)
KEY_VALUE = re.compile(r"^\s*[A-ZÀ-Ý][\w'’ -]{0,30}?\s?:\s+\S")
DATE_WORDS = re.compile(
    r"\b\d{1,2}(?:er)?\s+(?:"
    + "|".join(shapes.FR_MONTHS)
    + r")\s+\d{4}\b|\b\d{1,2}/\d{1,2}/\d{4}\b",
    re.I,
)
SEPARATORS = re.compile(r"\s[|>»/·•]\s")


def _starts_with_par(text: str) -> bool:
    return shapes.words(shapes.fold(text))[:1] == ["par"]


def _has_date(text: str) -> bool:
    return not shapes.parse_french_date(text) and bool(DATE_WORDS.search(text))


#: yes/no shapes of a (cleaned) line: feature name and test, in a fixed order
LINE_SHAPES: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("pat.copyright", lambda t: "©" in t),
    ("pat.credit", shapes.CREDIT.match),
    ("pat.byline", lambda t: shapes.BYLINE.match(t) or shapes.SHORT_BYLINE.match(t)),
    ("pat.starts_par", _starts_with_par),
    ("pat.published", shapes.PUBLISHED.match),
    ("pat.date_only", shapes.parse_french_date),
    ("pat.has_date", _has_date),
    ("pat.url", shapes.URL.search),
    ("pat.image_file", IMAGE_FILE.search),
    ("pat.key_value", KEY_VALUE.match),
    ("pat.time", TIME_START.match),
    ("pat.separators", SEPARATORS.search),
    ("pat.brackets", lambda t: "[" in t and "]" in t),
    ("pat.cohort", shapes.COHORT.match),
    ("pat.conclusion", shapes.CONCLUSION.match),
    ("case.upper_title", shapes.is_upper_title),
    ("pat.title_shaped", shapes.is_title_shaped),
)
#: the numbering shapes of a (cleaned) line, after the bullet and the depth
NUMBER_SHAPES: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("num.number_space", NUMBER_SPACE.match),
    ("num.paren", PAREN_NUMBER.match),
    ("num.roman", ROMAN.match),
)

#: below this confidence, a line the model takes for site chrome stays in the
#: article (dropping text needs more certainty than keeping it)
CHROME_CONFIDENCE = 0.8
#: how many of a line's likeliest roles are kept with their probability (for review)
ROLES_KEPT = 4
HEADINGS = frozenset({"heading2", "heading3", "heading4"})
TITLES = HEADINGS | {"title"}
#: the roles a line the model took for chrome may take when a correction keeps it
#: (not a title: that would start an article; not a repeat: that would drop it)
KEPT_ROLES = frozenset(
    {"heading2", "heading3", "heading4", "paragraph", "list_item", "quote", "attribution",
     "caption", "credit", "byline", "date", "see_also_label", "see_also", "question",
     "answer", "fact", "timetable"}
)  # fmt: skip
#: the signal families (feature name prefixes), as reported by ``make eval``
FAMILIES = {
    "len": "longueur",
    "punct": "ponctuation finale",
    "case": "casse",
    "verb": "verbe conjugué",
    "pos": "position dans le fichier",
    "layout": "lignes vides et retrait",
    "pat": "motifs (©, Photo, Par, Publié le, date, URL…)",
    "num": "puces et numérotation",
    "rep": "répétition",
    "word": "vocabulaire des lignes courtes",
    "next": "rapport aux lignes suivantes",
    "ctx": "voisines (mêmes signaux, lignes avant et après)",
}
#: the families copied from the neighbouring lines (prefixed with their offset)
NEIGHBOUR_FAMILIES = ("len", "punct", "case", "verb", "layout", "pat", "num", "rep")
FAR_FAMILIES = ("len", "punct", "num", "pat")  # copied from two lines away too


def split_label(label: str) -> tuple[bool, str]:
    return (True, label[2:]) if label.startswith("B-") else (False, label)


# --------------------------------------------------------------------------
# features
# --------------------------------------------------------------------------


def _bucket(value: int, limits: Sequence[int]) -> str:
    for limit in limits:
        if value <= limit:
            return str(limit)
    return f"{limits[-1]}+"


@dataclass(frozen=True)
class Corpus:
    """What the features learn from all the files imported together."""

    files: Counter[str]  # in how many files each line (by comparison key) appears
    predecessors: dict[str, frozenset[str]]  # the distinct lines found just before it


def corpus_counts(sources: Iterable[SourceText]) -> Corpus:
    files: Counter[str] = Counter()
    before: dict[str, set[str]] = {}
    for source in sources:
        keys = [shapes.compare_key(line.text) for line in source.lines if not line.blank]
        files.update(set(keys))
        for previous, key in zip(["", *keys], keys, strict=False):
            before.setdefault(key, set()).add(previous)
    repeated = {key: frozenset(before[key]) for key, n in files.items() if n >= 2}
    return Corpus(files, repeated)


@lru_cache(maxsize=4096)
def _own(text: str, raw: str) -> tuple[str, ...]:
    """The features of one line on its own (no neighbour); cached, as dumps
    repeat lines (copies of one article, site chrome)."""
    return tuple(_own_features(text, raw))


def _own_features(text: str, raw: str) -> list[str]:
    out: list[str] = []
    tokens = shapes.words(text)
    count = len(tokens)
    out.append("len.words=" + _bucket(count, (1, 2, 3, 5, 8, 12, 20, 35)))
    out.append("len.chars=" + _bucket(len(text), (10, 25, 50, 90, 150, 300)))
    last = text[-1:]
    kind = (
        "alnum" if last.isalnum() else last if last in ".?!:;,…»)”\"'" else "other"
    )  # fmt: skip
    out.append("punct.last=" + kind)
    if text.endswith(("[…]", "[...]", "…", "...")):
        out.append("punct.ellipsis")
    if text[:1] in '«“"':
        out.append("punct.opens_quote")
    if "«" in text or "“" in text:
        out.append("punct.has_quote")
    out.append("punct.sentences=" + _bucket(len(re.findall(r"[.!?…](?:\s|$)", text)), (0, 1, 2)))
    first = text[:1]
    out.append(
        "case.first=" + ("upper" if first.isupper() else "lower" if first.islower() else "other")
    )
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 3:
        out.append("case.all_caps")
    if count:
        capitalised = sum(1 for t in tokens if t[:1].isupper())
        out.append("case.capitalised=" + _bucket(round(4 * capitalised / count), (0, 1, 2, 3)))
    folded = shapes.words(shapes.fold(text))
    lowered = {t.lower() for t in tokens}
    if lowered & FINITE_VERBS or PRONOUN_VERB.search(text):
        out.append("verb.finite")
    if shapes.is_person_name(text):
        out.append("case.person_name")
    out.extend(name for name, test in LINE_SHAPES if test(text))
    if shapes.BULLET.match(raw):
        out.append("num.bullet")
    if shapes.NUMBERED.match(text):
        out.append("num.numbered")
    multi = MULTI_NUMBER.match(text)
    if multi:
        out.append("num.depth=" + str(multi[1].count(".") + 1))
    out.extend(name for name, test in NUMBER_SHAPES if test(text))
    if count <= 5:
        out.extend("word.short=" + f for f in folded)
    if folded:
        out.append("word.first=" + folded[0])
        out.append("word.last=" + folded[-1])
    return out


def features(source: SourceText, corpus: Corpus | None = None) -> list[list[str]]:
    """The features of every non-blank line of ``source``, in order."""
    lines = source.lines
    content = [index for index, line in enumerate(lines) if not line.blank]
    texts = [shapes.clean(lines[i].text) for i in content]
    keys = [shapes.compare_key(t) for t in texts]
    in_file = Counter(keys)
    own: list[list[str]] = []
    bags = [Counter(w for w in shapes.stems(t) if len(w) >= 4) for t in texts]
    total = len(content)
    for position, index in enumerate(content):
        raw = lines[index].text
        text = texts[position]
        feats = list(_own(text, raw))
        blanks_before = 0
        scan = index - 1
        while scan >= 0 and lines[scan].blank:
            blanks_before += 1
            scan -= 1
        blanks_after = 0
        scan = index + 1
        while scan < len(lines) and lines[scan].blank:
            blanks_after += 1
            scan += 1
        at_start = scan < 0
        feats.append(
            "layout.blank_before=" + ("start" if at_start else _bucket(blanks_before, (0, 1)))
        )
        feats.append("layout.blank_after=" + _bucket(blanks_after, (0, 1)))
        indent = len(raw) - len(raw.lstrip(shapes.SPACES))
        feats.append("layout.indent=" + _bucket(indent, (0, 2)))
        feats.append("pos.from_start=" + _bucket(position, (0, 1, 3, 8)))
        feats.append("pos.from_end=" + _bucket(total - 1 - position, (0, 1, 3)))
        key = keys[position]
        if position and keys[position - 1] == key and key:
            feats.append("rep.same_as_previous")
        elif position and key and same_line(texts[position - 1], text):
            feats.append("rep.like_previous")
        feats.append("rep.in_file=" + _bucket(in_file[key], (1, 2)))
        if corpus is not None:
            feats.append("rep.files=" + _bucket(corpus.files[key], (1, 2)))
            if len(corpus.predecessors.get(key, ())) >= 2:
                feats.append("rep.after_different_lines")
        own.append(feats)
    # a "glued" dump: its paragraphs follow one another without a blank line,
    # so a blank line there may be a break between articles
    long = [feats for feats, text in zip(own, texts, strict=True) if len(text.split()) >= 12]
    glued = bool(long) and sum("layout.blank_before=0" in f for f in long) >= GLUED_SHARE * len(
        long
    )
    since, until = _title_distances(texts)
    words = [set(bag) for bag in bags]  # stems of 4+ letters
    topics = _topics(bags, texts)
    rows: list[list[str]] = []
    for position in range(total):
        feats = list(own[position])
        feats.append("bias")
        for offset in (-2, -1, 1, 2):
            other = position + offset
            if not 0 <= other < total:
                feats.append(f"ctx.{offset}:none")
                continue
            far = abs(offset) == 2
            for feature in own[other]:
                family = feature.split(".", 1)[0]
                if family in NEIGHBOUR_FAMILIES and (not far or family in FAR_FAMILIES):
                    feats.append(f"ctx.{offset}:{feature}")
        feats.extend(_next(texts, words, position))
        feats.append("next.words_since_title_shape=" + _bucket(since[position], (0, 60, 150, 400)))
        feats.append("next.words_until_title_shape=" + _bucket(until[position], (0, 60, 150, 400)))
        feats.append(topics[position])
        if glued:
            feats.append("layout.glued_file")
            if (
                "layout.blank_before=1" in own[position]
                or "layout.blank_before=1+" in own[position]
            ):
                feats.append("layout.glued_break")
                if "pat.title_shaped" in own[position] and "layout.blank_after=0" in own[position]:
                    # a short line opening a run of glued lines: a title or a heading
                    feats.append("layout.glued_break_title_shaped")
        rows.append(feats)
    return rows


def _next(texts: list[str], words: list[set[str]], position: int) -> list[str]:
    """How the following lines relate to this one."""
    out: list[str] = []
    text = texts[position]
    if position + 1 >= len(texts):
        return ["next.none"]
    ratio = len(texts[position + 1]) / max(len(text), 1)
    out.append("next.length_ratio=" + ("shorter" if ratio < 0.7 else "same" if ratio < 1.5 else "longer" if ratio < 4 else "much_longer"))  # fmt: skip
    content = words[position]
    if content:
        ahead = set().union(*words[position + 1 : position + 6])
        share = len(content & ahead) / len(content)
        out.append("next.words_reused=" + _bucket(round(4 * share), (0, 1, 2, 3)))
    return out


def _title_distances(texts: list[str]) -> tuple[list[int], list[int]]:
    """Words since the previous title-shaped line, and until the next one."""
    shaped = [shapes.is_title_shaped(t) for t in texts]
    counts = [len(t.split()) for t in texts]
    since, running = [], 10_000
    for is_shaped, count in zip(shaped, counts, strict=True):
        since.append(running)
        running = 0 if is_shaped else running + count
    until, running = [0] * len(texts), 10_000
    for position in range(len(texts) - 1, -1, -1):
        until[position] = running
        running = 0 if shaped[position] else running + counts[position]
    return since, until


GLUED_SHARE = 0.8  # this share of long lines without a blank line before: a glued file
TOPIC_WINDOW = 8  # lines on each side compared for a change of topic


TOPIC_MAX_WORDS = 20  # only lines this short can start an article: the others get no topic


def _topics(bags: list[Counter[str]], texts: list[str]) -> list[str]:
    """Does the text change topic at each short line? (cosine of stems before and after)"""
    out = []
    for position, text in enumerate(texts):
        if len(text.split()) > TOPIC_MAX_WORDS:
            out.append("next.topic=long_line")
            continue
        before: Counter[str] = Counter()
        for bag in bags[max(0, position - TOPIC_WINDOW) : position]:
            before.update(bag)
        after: Counter[str] = Counter()
        for bag in bags[position : position + TOPIC_WINDOW]:
            after.update(bag)
        if not before or not after:
            out.append("next.topic=edge")
            continue
        similarity = cosine(
            {k: float(v) for k, v in before.items()}, {k: float(v) for k, v in after.items()}
        )
        out.append("next.topic=" + _bucket(round(20 * similarity), (0, 1, 2, 4, 8)))
    return out


# --------------------------------------------------------------------------
# the model
# --------------------------------------------------------------------------


def model_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(MODEL_NAME)))


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite  # loaded once, on first use

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def label_lines(
    source: SourceText, corpus: Corpus | None = None, model: Path | None = None
) -> tuple[LineLabel, ...]:
    """The model's label of every non-blank line of ``source``."""
    content = [line for line in source.lines if not line.blank]
    if not content:
        return ()
    tagger = _tagger(str(model or model_path()))
    return decode(tagger, features(source, corpus), content)


def decode(tagger: Any, xseq: list[list[str]], lines: list[Line]) -> tuple[LineLabel, ...]:
    """Tag one sequence, with each label's confidence and runner-up, and the rules
    that hold whatever the model says (see DESIGN.md, « Line roles »)."""
    labels = tagger.tag(xseq)
    known = tagger.labels()
    out = []
    for position, (line, label) in enumerate(zip(lines, labels, strict=True)):
        number = line.number
        marginals = sorted(
            ((tagger.marginal(name, position), name) for name in known), key=lambda p: (-p[0], p[1])
        )
        if split_label(label)[1] in TITLES and _metadata_shaped(line.text):
            # a credit, a byline or a date line is never a title or a heading
            label = next(n for _p, n in marginals if split_label(n)[1] not in TITLES)
        alternative = next(name for _p, name in marginals if name != label)
        start, role = split_label(label)
        confidence = round(tagger.marginal(label, position), 4)
        if role == "chrome" and confidence < CHROME_CONFIDENCE:
            # unsure: the line stays in the article, as the runner-up says
            start, role = split_label(alternative)
            alternative = label
        start_probability = sum(p for p, name in marginals if name.startswith("B-"))
        by_role: dict[str, float] = {}
        for p, name in marginals:
            by_role[split_label(name)[1]] = by_role.get(split_label(name)[1], 0.0) + p
        roles = tuple(
            (name, round(p, 4))
            for name, p in sorted(by_role.items(), key=lambda item: (-item[1], item[0]))[
                :ROLES_KEPT
            ]
        )
        out.append(
            LineLabel(
                number, role, start, confidence, alternative, round(start_probability, 4), roles
            )
        )
    return _first_text_starts(_labels_have_items(out))


def _metadata_shaped(text: str) -> bool:
    clean = shapes.clean(text)
    return "©" in clean or any(
        pattern.match(clean)
        for pattern in (shapes.CREDIT, shapes.BYLINE, shapes.SHORT_BYLINE, shapes.PUBLISHED)
    )


def _labels_have_items(labels: list[LineLabel]) -> list[LineLabel]:
    """A « Voir aussi » label with no item after it is not one: the runner-up wins."""
    for index, item in enumerate(labels):
        following = labels[index + 1] if index + 1 < len(labels) else None
        if item.role == "see_also_label" and (following is None or following.role != "see_also"):
            start, role = split_label(item.alternative)
            labels[index] = replace(item, role=role, start=start, alternative=item.label)
    return labels


def _first_text_starts(labels: list[LineLabel]) -> tuple[LineLabel, ...]:
    """A dump's first line of text starts an article (a heading there is its title)."""
    for index, item in enumerate(labels):
        if item.start:
            break
        if item.role != "chrome":
            role = "title" if item.role in HEADINGS else item.role
            labels[index] = replace(item, role=role, start=True)
            break
    return tuple(labels)


def with_roles(
    source: SourceText, labels: tuple[LineLabel, ...], fixes: Corrections | None = None
) -> SourceText:
    """``source`` whose lines carry the model's role and start decisions,
    where the instructors' corrections (resolved) do not say otherwise."""
    fixes = fixes or Corrections()
    by_number = {item.number: item for item in labels}
    lines = []
    for line in source.lines:
        decided = by_number.get(line.number)
        if decided is not None:
            role, start = decided.role, decided.start
            key = (source.path, line.number)
            if key in fixes.keep and role == "chrome":
                role = next((r for r, _p in decided.roles if r in KEPT_ROLES), "paragraph")
            role = fixes.roles.get(key, role)
            if key in fixes.chrome:
                role = "chrome"
            forced = key in fixes.split or key in fixes.starts
            start = (start or forced) and key not in fixes.merge
            line = replace(line, role=role, starts=start)
        lines.append(line)
    if fixes.entries:
        _first_text_starts_again(lines, by_number, source.path, fixes)
    return replace(source, lines=tuple(lines))


def _first_text_starts_again(
    lines: list[Line], by_number: dict[int, LineLabel], path: str, fixes: Corrections
) -> None:
    """The first line of text starts an article, once the corrections applied: a
    correction that keeps a line the model took for chrome moves that start
    up, and the start the rule had put further down (where the model saw
    none) goes."""
    content = [i for i, line in enumerate(lines) if line.number in by_number]
    first = next((i for i in content if lines[i].role != "chrome"), None)
    # where the rule put it, on the model's labels
    ruled = next((i for i in content if by_number[lines[i].number].role != "chrome"), None)
    if first is None:
        return
    if not lines[first].starts:
        role = "title" if lines[first].role in HEADINGS else lines[first].role
        lines[first] = replace(lines[first], role=role, starts=True)
    if ruled is not None and ruled > first and lines[ruled].starts:
        decided = by_number[lines[ruled].number]
        key = (path, lines[ruled].number)
        if decided.start_probability < 0.5 and key not in fixes.split | fixes.starts:
            # the rule's start goes; a heading it had made a title is a heading again
            role = lines[ruled].role
            if role == "title" and key not in fixes.roles:
                role = next((r for r, _p in decided.roles if r in KEPT_ROLES), "paragraph")
            lines[ruled] = replace(lines[ruled], role=role, starts=False)


def train(
    sequences: Iterable[tuple[list[list[str]], list[str]]], path: Path
) -> None:  # pragma: no cover - exercised by make model and the tests
    """Fit a CRF on ``(features, labels)`` sequences and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params(TRAINING)
    trainer.train(str(path))


def annotation_labels(rows: Sequence[Row]) -> list[str]:
    """The CRF labels of annotated rows (``B-`` prefix on article starts)."""
    return [f"B-{row.role}" if row.start else row.role for row in rows]


@dataclass(frozen=True)
class Example:
    """One annotated dump, ready for the CRF."""

    name: str
    group: str  # "corpus" or "unseen"
    source: SourceText
    xseq: list[list[str]]
    yseq: list[str]


def examples(root: Path, data: Path) -> list[Example]:
    """The annotated dumps of ``data`` (``tests/data``) as CRF sequences.

    The repetition features count files over all of them together, as an
    import of several files would.
    """
    found = annotated_files(data, root / "sources")
    sources = [read_source(item.text_path, root=root) for item in found]
    corpus = corpus_counts(sources)
    out = []
    for item, source in zip(found, sources, strict=True):
        content = [line for line in source.lines if not line.blank]
        numbers = [line.number for line in content]
        if numbers != [row.line for row in item.rows]:
            raise ValueError(f"{item.name} : les annotations ne suivent pas les lignes du fichier")
        out.append(
            Example(
                item.name,
                item.group,
                source,
                features(source, corpus),
                annotation_labels(item.rows),
            )
        )
    return out
