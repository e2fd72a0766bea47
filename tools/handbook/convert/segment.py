"""Stage 3, segment: find where articles start and end in a dump.

Each file is read in one of three modes chosen from its shapes (``feed``
with RSS footers, ``page`` with HTML title lines, ``blog`` otherwise); in a
blog, a title-shaped line starts an article on strong signals first, then
on lexical cohesion. The reasoning and the deliberate decisions, each tied to
its fixture in ``tests/fixtures/segment/``, are in ``DESIGN.md``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from ..common.similarity import cosine, smooth_idf
from ..data.corrections import Corrections
from ..data.profiles import Profiles
from . import shapes
from .chrome import Block, PreparedFile, html_title_at, same_line
from .metadata import extract_metadata
from .model import Dropped, Line, Segment, SegmentResult

COHESION_THRESHOLD = 0.105  # below this, the text after a heading starts a new topic
CONCLUDED_THRESHOLD = 0.25  # the same, right after a concluding paragraph ("En conclusion, …")
MIN_ARTICLE_WORDS = 150  # an article shorter than this is never split by cohesion
AFTER_WINDOW_WORDS = 120
BEFORE_WINDOW_WORDS = 400


@dataclass
class CorpusContext:
    """What segmentation learns from all files given together."""

    idf: dict[str, float] = field(default_factory=dict)
    default_idf: float = 1.0
    cross_file_titles: frozenset[str] = frozenset()
    forced_starts: frozenset[int] = frozenset()  # corrections: an article starts here
    forbidden_starts: frozenset[int] = frozenset()  # corrections: no article starts here

    @classmethod
    def build(cls, files: list[PreparedFile]) -> CorpusContext:
        df: Counter[str] = Counter()
        documents = 0
        predecessors: dict[str, set[str]] = defaultdict(set)
        seen: Counter[str] = Counter()
        for prepared in files:
            previous = ""
            for block in prepared.blocks:
                documents += 1
                text_key = shapes.compare_key(block.text)
                df.update(set(shapes.key_stems(text_key)))
                if prepared.mode == "blog" and block.single and shapes.is_title_shaped(block.head):
                    key = shapes.compare_key(block.head)
                    seen[key] += 1
                    predecessors[key].add(previous)
                previous = text_key[-200:]
        idf = {term: smooth_idf(count, documents) for term, count in df.items()}
        cross = frozenset(k for k, n in seen.items() if n >= 2 and len(predecessors[k]) >= 2)
        return cls(idf=idf, default_idf=smooth_idf(0, documents), cross_file_titles=cross)

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(shapes.stems(text))
        return {t: c * self.idf.get(t, self.default_idf) for t, c in counts.items()}


# --------------------------------------------------------------------------
# segmentation
# --------------------------------------------------------------------------


def segment_file(
    prepared: PreparedFile,
    context: CorpusContext,
    profiles: Profiles,
    fixes: Corrections | None = None,
) -> SegmentResult:
    fixes = fixes or Corrections()
    path = prepared.source.path
    context = replace(
        context,
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
    ) -> None:
        body: list[Line] = []
        for position, block in enumerate(blocks):
            for line in block.lines:
                if position < 2 and title_line is not None and same_line(title, line.text):
                    self.dropped.append(
                        Dropped(self.path, line.number, line.text, "repeated-title")
                    )
                else:
                    body.append(line)
        numbers = [n for n in (title_line, first_line) if n is not None]
        numbers += [line.number for block in blocks for line in block.lines]
        if not numbers:
            return
        date, tags, found_authors = extract_metadata(body)
        all_authors = list(dict.fromkeys([*found_authors, *(authors or [])]))
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
    prepared: PreparedFile, profiles: Profiles, context: CorpusContext, builder: _Builder
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


def _segment_blog(blocks: list[Block], context: CorpusContext, builder: _Builder) -> None:
    """Articles glued one after another; see the module docstring for the rules."""
    if not blocks:
        return
    title: Block | None = None
    body: list[Block] = []
    authors: list[str] = []
    closed = False
    forbidden = set(context.forbidden_starts)

    def flush() -> None:
        nonlocal body, authors, closed
        if title is not None:
            builder.add(title.head, title.first, body, authors=authors)
        elif body:  # text before any title: keep it, titled by its first words
            first_words = " ".join(shapes.words(body[0].head)[:10])
            builder.add(f"{first_words} …", None, body)
        body, authors, closed = [], [], False

    for index, block in enumerate(blocks):
        candidate = (block.single and shapes.is_title_shaped(block.head)) or (
            block.first in context.forced_starts
        )
        if title is None:  # text before the first title, or the first title
            if candidate and block.single:
                flush()
                title = block
            else:
                body.append(block)
            continue
        if not candidate or (not body and block.first not in context.forced_starts):
            body.append(block)
            if _closes_article(block, body):
                closed = True
            continue
        if block.first in context.forced_starts:
            decision = "start"
        elif block.first in forbidden:
            decision = "body"
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and same_line(block.head, following.head):
                forbidden.add(following.first)  # its repeated title does not start it either
        else:
            decision = _decide(block, index, blocks, title, body, context, closed)
        if decision == "start":
            flush()
            title = Block(block.lines[:1])
            if len(block.lines) > 1:  # a correction may start an article inside a run of lines
                body.append(Block(block.lines[1:]))
        elif decision == "signature":
            body.append(block)
            authors.append(block.head)
            closed = True
        else:
            body.append(block)
    flush()


def _closes_article(block: Block, body: list[Block]) -> bool:
    """A byline such as ``Propos recueillis par …`` ends an article."""
    return len(body) >= 2 and bool(shapes.BYLINE.match(block.lines[-1].text))


def _decide(
    block: Block,
    index: int,
    blocks: list[Block],
    title: Block | None,
    body: list[Block],
    context: CorpusContext,
    closed: bool,
) -> str:
    """'start' a new article at ``block``, treat it as a 'signature', or keep it as 'body'."""
    text = block.head
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    if shapes.is_person_name(text):
        return _decide_name(block, index, blocks, title, body)
    if following is None:
        return "body"  # a last line is a closing remark, never a new article
    if closed:
        return "start"
    if shapes.BYLINE.match(following.head):
        return "body"  # the line just before "Propos recueillis par …" ends the article
    if any(same_line(text, line.text) for line in following.lines[:3]):
        return "start"
    if shapes.COHORT.match(following.head) or shapes.SHORT_BYLINE.match(following.head):
        return "start"  # a title followed by its byline
    if shapes.is_upper_title(text):
        return "start"
    if shapes.compare_key(text) in context.cross_file_titles:
        return "start"
    before_text = "\n".join(b.text for b in body)
    if len(shapes.words(before_text)) < MIN_ARTICLE_WORDS:
        return "body"
    before = context.vector(
        ((title.head + "\n") * 2 if title else "") + _tail_words(before_text, BEFORE_WINDOW_WORDS)
    )
    after = context.vector(text + "\n" + _window_after(blocks, index + 1, AFTER_WINDOW_WORDS))
    concluded = bool(shapes.CONCLUSION.match(body[-1].head))
    threshold = CONCLUDED_THRESHOLD if concluded else COHESION_THRESHOLD
    return "start" if cosine(before, after) < threshold else "body"


def _decide_name(
    block: Block, index: int, blocks: list[Block], title: Block | None, body: list[Block]
) -> str:
    parts = shapes.name_parts(block.head)
    so_far = shapes.compare_key(" ".join([title.head if title else "", *(b.text for b in body)]))
    if any(f" {part} " in f" {so_far} " for part in parts):
        return "body"  # a caption naming someone the article already introduced
    if body and body[-1].lines[-1].text.rstrip().endswith("?"):
        return "body"  # a name under a question: an interview caption
    ahead = shapes.compare_key(" ".join(b.text for b in blocks[index + 1 : index + 4]))
    if any(f" {part} " in f" {ahead} " for part in parts):
        return "start"  # a portrait titled by the person's name
    return "signature" if len(body) >= 2 else "body"


def _tail_words(text: str, count: int) -> str:
    return " ".join(text.split()[-count:])


def _window_after(blocks: list[Block], start: int, count: int) -> str:
    """The first ``count`` words of the blocks from ``start`` on."""
    words: list[str] = []
    for block in blocks[start:]:
        words.extend(block.text.split())
        if len(words) >= count:
            break
    return " ".join(words[:count])
