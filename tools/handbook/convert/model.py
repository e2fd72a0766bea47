"""Typed data passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, so a reader can see
what flows from one module to the next without running anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.corrections import Corrections, LineEntry

# --------------------------------------------------------------------------
# read
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a decoded source file (1-based number, no line end).

    ``role`` and ``starts`` are the line-role model's decision (stage
    ``label``): empty and False before it runs. They do not take part in
    comparisons: two lines are equal when their number and text are.
    """

    number: int
    text: str
    role: str = field(default="", compare=False)
    starts: bool = field(default=False, compare=False)  # an article starts on this line

    @property
    def blank(self) -> bool:
        """A line holding only spaces, tabs or non-breaking spaces is blank."""
        return not self.text.strip(" \t\u00a0\u202f\u2007\ufeff")


@dataclass(frozen=True)
class SourceText:
    """A decoded dump: its display path, encoding and lines."""

    path: str  # repository-relative POSIX path when inside the repository
    encoding: str
    lines: tuple[Line, ...]


# --------------------------------------------------------------------------
# label
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LineLabel:
    """What the model decided for one non-blank line."""

    number: int
    role: str
    start: bool  # an article starts on this line
    confidence: float  # marginal probability of the chosen label (0–1)
    alternative: str  # the runner-up label, e.g. "B-title" or "paragraph"
    #: probability that an article starts on this line (all ``B-`` labels)
    start_probability: float = 0.0
    #: the likeliest roles with their probability (``B-`` or not), best first
    roles: tuple[tuple[str, float], ...] = ()

    def role_probability(self, role: str) -> float:
        return next((p for name, p in self.roles if name == role), 0.0)

    @property
    def label(self) -> str:
        return f"B-{self.role}" if self.start else self.role


# --------------------------------------------------------------------------
# segment / dedupe
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """Where one copy of an article stands: file and inclusive 1-based lines."""

    file: str
    first_line: int
    last_line: int

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "first_line": self.first_line, "last_line": self.last_line}


@dataclass(frozen=True)
class Dropped:
    """A source line that was not placed in any article, with the reason."""

    file: str
    line: int
    text: str
    reason: str  # site-chrome, repeated-title, feed-footer, duplicate-occurrence, …
    #: for site chrome, the rule that matched: ``<where in the profiles> « label »``
    #: or the corrections file
    rule: str = ""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "text": self.text,
            "reason": self.reason,
        }
        if self.rule:
            data["rule"] = self.rule
        return data


@dataclass(frozen=True)
class Segment:
    """One occurrence of an article inside one dump, as found by ``segment``.

    ``body`` holds the article's own lines (title line excluded, metadata
    lines such as ``Publié le :`` included: they are rendered or moved to the
    front matter by later stages, never lost).
    """

    file: str
    title: str
    title_line: int | None  # None when the title only exists in a feed footer
    body: tuple[Line, ...]
    first_line: int
    last_line: int
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def occurrence(self) -> Occurrence:
        return Occurrence(self.file, self.first_line, self.last_line)


@dataclass(frozen=True)
class SegmentResult:
    """What ``segment`` found in one file."""

    segments: tuple[Segment, ...]
    dropped: tuple[Dropped, ...]


@dataclass(frozen=True)
class Article:
    """A unique article after deduplication, with every place it occurs."""

    title: str
    slug: str
    body: tuple[Line, ...]
    kept: Occurrence
    occurrences: tuple[Occurrence, ...]
    date: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    theme: ThemeChoice | None = None


# --------------------------------------------------------------------------
# classify
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeChoice:
    id: str
    title: str
    score: float
    reasons: tuple[str, ...]
    runner_up: tuple[str, float] | None
    source: str  # "auto" or "manual"
    #: 0 (a tie with the runner-up) to 1 (no other theme is close); 1 for a person's choice
    confidence: float = 0.0
    #: a second theme the article serves almost as well (« À lire aussi »), or None
    also: str | None = None


# --------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # the page title is level 1


@dataclass(frozen=True)
class Paragraph:
    text: str  # lines of one paragraph joined with "\n"


@dataclass(frozen=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Quote:
    text: str  # may hold several lines joined with "\n"
    attribution: str = ""  # who said it (a line of its own in the source)


@dataclass(frozen=True)
class Question:
    text: str


@dataclass(frozen=True)
class Answer:
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Caption:
    text: str


@dataclass(frozen=True)
class Credit:
    text: str  # "© …", "Photo : …", "Source : …"


@dataclass(frozen=True)
class Byline:
    text: str  # "Propos recueillis par …", a signature line


@dataclass(frozen=True)
class SeeAlso:
    """A « Voir aussi » block: its label line (if any) and its items."""

    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Facts:
    pairs: tuple[tuple[str, str], ...]  # key–value fact sheet


@dataclass(frozen=True)
class Timetable:
    entries: tuple[tuple[str, str], ...]  # ("7h50", "Rendez-vous devant…")


Block = (
    Heading
    | Paragraph
    | ListBlock
    | Quote
    | Question
    | Answer
    | Caption
    | Credit
    | Byline
    | SeeAlso
    | Facts
    | Timetable
)


@dataclass(frozen=True)
class Page:
    """Everything ``render`` needs to write one MyST page."""

    article: Article
    blocks: tuple[Block, ...]
    extra_meta: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Stale:
    """An entry of the corrections file that names no line of its source, or
    contradicts an earlier entry about the same line."""

    entry: LineEntry
    why: str  # French
    #: the name ``handbook check`` gives the problem
    rule: str = "correction-perimee"


@dataclass(frozen=True)
class Analysis:
    """The result of reading, segmenting and deduplicating a set of dumps."""

    sources: tuple[SourceText, ...]
    segments: tuple[Segment, ...]
    articles: tuple[Article, ...]
    dropped: tuple[Dropped, ...]
    #: the line-role model's decision for every non-blank line, by file
    labels: dict[str, tuple[LineLabel, ...]] = field(default_factory=dict)
    #: the instructors' corrections, with the lines their entries mean
    corrections: Corrections = field(default_factory=Corrections)
    #: entries of the corrections file that mean no line of these sources
    stale: tuple[Stale, ...] = ()
    #: how each file was cut: ``blog``, ``page`` or ``feed`` (stage chrome)
    modes: dict[str, str] = field(default_factory=dict)
