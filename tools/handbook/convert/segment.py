"""Stage 4, segment: find where articles start and end in a dump.

Each file is read in one of three modes chosen from its shapes (``feed``
with RSS footers, ``page`` with HTML title lines, ``blog`` otherwise); in a
blog, an article starts where the line-role model (stage ``label``) saw one,
unless a correction forces or forbids it. The deliberate decisions, each
tied to its fixture in ``tests/fixtures/segment/``, are in ``DESIGN.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.corrections import Corrections
from ..data.profiles import Profiles
from . import shapes
from .chrome import Block, PreparedFile, html_title_at, same_line
from .metadata import extract_metadata
from .model import Dropped, Line, Segment, SegmentResult


@dataclass
class BoundaryFixes:
    """The instructors' boundary corrections for the file being segmented."""

    forced_starts: frozenset[int] = frozenset()  # corrections: an article starts here
    forbidden_starts: frozenset[int] = frozenset()  # corrections: no article starts here


# --------------------------------------------------------------------------
# segmentation
# --------------------------------------------------------------------------


def segment_file(
    prepared: PreparedFile,
    profiles: Profiles,
    fixes: Corrections | None = None,
) -> SegmentResult:
    fixes = fixes or Corrections()
    path = prepared.source.path
    context = BoundaryFixes(
        forced_starts=frozenset(n for f, n in fixes.split if f == path),
        forbidden_starts=frozenset(n for f, n in fixes.merge if f == path),
    )
    builder = _Builder(path)
    builder.dropped.extend(prepared.dropped)
    if prepared.mode == "feed":
        rest = _segment_feed(prepared, profiles, builder)
        _segment_blog(rest, context, builder)
    elif prepared.mode == "page":
        _segment_pages(prepared, profiles, context, builder)
    else:
        _segment_blog(prepared.blocks, context, builder)
    dropped = tuple(sorted(builder.dropped, key=lambda d: d.line))
    return SegmentResult(segments=tuple(builder.segments), dropped=dropped)


class _Builder:
    """Turns (title, blocks) into Segments, extracting metadata on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.segments: list[Segment] = []
        self.dropped: list[Dropped] = []

    def add(
        self,
        title: str,
        title_line: int | None,
        blocks: list[Block],
        *,
        first_line: int | None = None,
        last_line: int | None = None,
        authors: list[str] | None = None,
        untitled: bool = False,
    ) -> None:
        body: list[Line] = []
        previous = title if title_line is not None else ""
        for position, block in enumerate(blocks):
            for line in block.lines:
                if position < 2 and not untitled and same_line(title, line.text):
                    self.dropped.append(
                        Dropped(self.path, line.number, line.text, "repeated-title")
                    )
                elif (
                    line.role == "repeat"
                    and body
                    and shapes.clean(previous) == shapes.clean(line.text)
                ):
                    # a caption (or any line) printed twice, exactly: shown once
                    self.dropped.append(Dropped(self.path, line.number, line.text, "repeated-line"))
                else:
                    body.append(line)
                previous = line.text
        numbers = [n for n in (title_line, first_line) if n is not None]
        numbers += [line.number for block in blocks for line in block.lines]
        if not numbers:
            return
        date, tags, found_authors = extract_metadata(body)
        all_authors = list(dict.fromkeys([*found_authors, *(authors or [])]))
        shown = _shown_in_metadata(body, date, all_authors)
        if shown:
            self.dropped.extend(
                Dropped(self.path, line.number, line.text, "shown-in-metadata")
                for line in body
                if line.number in shown
            )
            body = [line for line in body if line.number not in shown]
        self.segments.append(
            Segment(
                file=self.path,
                title=shapes.clean(title),
                title_line=title_line,
                body=tuple(body),
                first_line=min(numbers),
                last_line=max([*numbers, last_line or 0]),
                date=date,
                authors=tuple(all_authors),
                tags=tuple(tags),
            )
        )


def _segment_feed(prepared: PreparedFile, profiles: Profiles, builder: _Builder) -> list[Block]:
    """Cut a feed at its footers; return the blocks after the last footer."""
    pending: list[Block] = []
    for block in prepared.blocks:
        current: list[Line] = []
        for line in block.lines:
            match = profiles.feed_footer.match(shapes.clean(line.text))
            if not match:
                current.append(line)
                continue
            if current:
                pending.append(Block(current))
                current = []
            builder.dropped.append(Dropped(builder.path, line.number, line.text, "feed-footer"))
            if pending:
                builder.add(match["title"], None, pending, last_line=line.number)
            else:  # a footer with no text before it: keep its title as a (short) article
                builder.add(match["title"], None, [], first_line=line.number)
            pending = []
        if current:
            pending.append(Block(current))
    return pending


def _segment_pages(
    prepared: PreparedFile, profiles: Profiles, context: BoundaryFixes, builder: _Builder
) -> None:
    starts = [i for i in range(len(prepared.blocks)) if html_title_at(prepared.blocks, i, profiles)]
    _segment_blog(prepared.blocks[: starts[0]], context, builder)
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(prepared.blocks)
        blocks = [Block(list(b.lines)) for b in prepared.blocks[start:end]]
        html_line = blocks[0].lines[0]
        builder.dropped.append(
            Dropped(builder.path, html_line.number, html_line.text, "repeated-title")
        )
        blocks[0].lines.pop(0)
        if not blocks[0].lines:
            blocks.pop(0)
        if not blocks:
            continue
        title_line = blocks[0].lines.pop(0)
        if not blocks[0].lines:
            blocks.pop(0)
        builder.add(title_line.text, title_line.number, blocks, first_line=html_line.number)


def _segment_blog(blocks: list[Block], context: BoundaryFixes, builder: _Builder) -> None:
    """Articles glued one after another, cut where the line-role model saw a start.

    A start on a ``title`` line makes it the article's title; a start on any
    other line (a page that opens on its standfirst) begins an untitled
    article, unless a ``title`` line follows a caption or a credit there.
    The instructors' corrections force or forbid a start at a line.
    """
    title: Line | None = None
    body: list[Block] = []
    current: list[Line] = []

    def flush() -> None:
        nonlocal body, title
        if title is not None:
            builder.add(title.text, title.number, body, authors=_signatures(body))
        elif body:  # text before any title: keep it, titled by its first words
            first_words = " ".join(shapes.words(body[0].head)[:10])
            builder.add(f"{first_words} …", None, body, authors=_signatures(body), untitled=True)
        title, body = None, []

    for block in blocks:
        for line in block.lines:
            forbidden = line.number in context.forbidden_starts
            forced = line.number in context.forced_starts and not forbidden
            starts = forced or (line.starts and not forbidden)
            if starts and (title is not None or body or current):
                if current:
                    body.append(Block(current))
                    current = []
                flush()
            if starts and (forced or line.role == "title"):
                title = line
                continue
            if title is None and line.role == "title" and _opening(body, current):
                title = line  # an article that opens on a photo caption, then its title
                continue
            current.append(line)
        if current:
            body.append(Block(current))
            current = []
    flush()


#: lines that may stand above an article's title (a photo with its caption and credit)
ABOVE_TITLE = frozenset({"caption", "credit", "date", "byline"})


def _opening(body: list[Block], current: list[Line]) -> bool:
    """The article so far is a line or two that may stand above its title."""
    lines = [line for block in body for line in block.lines] + current
    return 0 < len(lines) <= 2 and all(line.role in ABOVE_TITLE for line in lines)


def _shown_in_metadata(body: list[Line], date: str | None, authors: list[str]) -> set[int]:
    """Lines the page's metadata line says again: « Par X » or a bare signature
    of an author, « Publié le » with only the article's date (then shown once,
    above the text; the source lines go to the report)."""
    shown: set[int] = set()
    names = {shapes.clean(a).casefold() for a in authors}
    for index, line in enumerate(body):
        text = shapes.clean(line.text)
        short = shapes.SHORT_BYLINE.match(text)
        who = shapes.clean(short["who"]) if short else text if line.role == "byline" else ""
        if who and who.casefold() in names:
            shown.add(line.number)
        published = shapes.PUBLISHED.match(text)
        if not published or date is None:
            continue
        rest = shapes.clean(published["rest"])
        if rest and shapes.is_bare_date(rest) and shapes.parse_french_date(rest) == date:
            shown.add(line.number)
        elif not rest and index + 1 < len(body):
            following = body[index + 1]
            if (
                following.number == line.number + 1
                and shapes.is_bare_date(following.text)
                and shapes.parse_french_date(following.text) == date
            ):
                shown.update((line.number, following.number))
    return shown


def _signatures(body: list[Block]) -> list[str]:
    """The author of an article signed by a bare name on a byline line."""
    return [
        shapes.clean(line.text)
        for block in body
        for line in block.lines
        if line.role == "byline"
        and shapes.is_person_name(line.text)
        and not (shapes.SHORT_BYLINE.match(line.text) or shapes.BYLINE.match(line.text))
    ]
