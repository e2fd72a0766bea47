"""Stage 4, structure: an article's lines -> typed blocks.

Recognises, from the shape of lines only: section headings (including
upper-case session headings such as ``ATELIER 1 : …``), bullet and numbered
lists, quotations (``« … »`` lines and ``>`` lines), interviews (questions
and ``Prénom : “…`` answers), captions and credits, bylines and the
``Publié le`` line, key–value fact sheets and timetables. Paragraph text is
never rewritten: each block keeps its lines, in order.
"""

from __future__ import annotations

import re

from . import shapes
from .model import (
    Answer,
    Block,
    Byline,
    Caption,
    Credit,
    Facts,
    Heading,
    Line,
    ListBlock,
    Paragraph,
    Question,
    Quote,
    Timetable,
)

ANSWER = re.compile(r"^\s*(?P<who>[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?)\s?:\s*(?=[“\"«])")
FACT = re.compile(r"^\s*(?P<key>[A-ZÀ-Ý][\w'’ -]{0,30}?)\s?:\s+(?P<value>\S.*)$")
CALL_TO_ACTION = re.compile(
    r"^\s*(?:voir|voici|téléchargez|télécharger|cliquez|découvrez|retrouvez|inscrivez|consultez|lire)\b",
    re.I,
)
CAPTION_LEAD = re.compile(r"^\s*(?:photo|capture|image|illustration|vidéo|video)\b", re.I)
QUOTE_LINE = re.compile(r"^\s*[«“\"].*[»”\"]\s*$")
BLOCKQUOTE = re.compile(r"^\s*>\s?")


def group_lines(lines: tuple[Line, ...]) -> list[list[Line]]:
    """Runs of consecutive line numbers (a blank or dropped line separates them)."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and line.number == groups[-1][-1].number + 1:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def structure(lines: tuple[Line, ...], authors: tuple[str, ...] = ()) -> list[Block]:
    groups = group_lines(lines)
    interview = sum(1 for line in lines if ANSWER.match(line.text)) >= 2
    blocks: list[Block] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        following = groups[index + 1] if index + 1 < len(groups) else None
        # Timetable: "7h50" alone, then its paragraph; consecutive pairs form one table.
        if len(group) == 1 and shapes.TIME.match(group[0].text) and following:
            entries = []
            while (
                index + 1 < len(groups)
                and len(groups[index]) == 1
                and shapes.TIME.match(groups[index][0].text)
            ):
                entries.append((shapes.clean(groups[index][0].text), _join(groups[index + 1])))
                index += 2
            blocks.append(Timetable(tuple(entries)))
            continue
        blocks.extend(_group_blocks(group, following, interview, authors))
        index += 1
    return _merge_lists(blocks)


def _join(lines: list[Line]) -> str:
    return "\n".join(shapes.clean(line.text) for line in lines)


def _group_blocks(
    group: list[Line], following: list[Line] | None, interview: bool, authors: tuple[str, ...]
) -> list[Block]:
    texts = [line.text for line in group]
    if len(group) == 1:
        return [_single(texts[0], following, interview, authors)]
    if len(group) >= 3 and all(FACT.match(t) and not shapes.BULLET.match(t) for t in texts):
        pairs = []
        for text in texts:
            match = FACT.match(text)
            assert match is not None
            pairs.append((match["key"].strip(), match["value"].strip()))
        return [Facts(tuple(pairs))]
    # A mixed run: split it line by line into lists, quotes, metadata and text.
    out: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(Paragraph("\n".join(pending)))
            pending.clear()

    for position, text in enumerate(texts):
        clean = shapes.clean(text)
        bullet = shapes.BULLET.match(text)
        numbered = shapes.NUMBERED.match(text)
        published = shapes.PUBLISHED.match(text)
        if bullet:
            flush()
            out.append(ListBlock((shapes.clean(text[bullet.end() :]),)))
        elif numbered:
            flush()
            out.append(
                ListBlock(
                    (shapes.clean(text[numbered.end() :]),), ordered=True, start=int(numbered[1])
                )
            )
        elif BLOCKQUOTE.match(text):
            flush()
            out.append(Quote(shapes.clean(BLOCKQUOTE.sub("", text, count=1))))
        elif published and position + 1 < len(texts) and not published["rest"].strip():
            flush()
            pending_date = shapes.clean(texts[position + 1])
            if shapes.parse_french_date(pending_date):
                out.append(Byline(f"{clean} {pending_date}"))
                texts[position + 1] = ""  # consumed
            else:
                out.append(Byline(clean))
        elif not clean:
            continue
        elif published or shapes.BYLINE.match(text) or shapes.COHORT.match(text):
            flush()
            out.append(Byline(clean))
        elif "©" in text or shapes.CREDIT.match(text):
            flush()
            out.append(Credit(clean))
        elif position == 0 and _heading_lead(clean, texts):
            out.append(Heading(clean, level=3))
        elif position + 1 < len(texts) and _is_tag(clean, texts[position + 1]):
            flush()
            out.append(Byline(clean))
        else:
            pending.append(clean)
    flush()
    return out


def _heading_lead(text: str, texts: list[str]) -> bool:
    """First line of a run used as its heading: ``Accueil`` / ``Le contexte :``."""
    if len(texts) < 2 or shapes.BULLET.match(texts[1]) or shapes.NUMBERED.match(texts[1]):
        return False
    if len(shapes.words(text)) > 12:
        return False
    follower = shapes.clean(texts[1])
    if shapes.PUBLISHED.match(follower):
        return False
    single_word = len(shapes.words(text)) == 1 and text[:1].isupper() and text[-1:].isalnum()
    return (shapes.is_title_shaped(text) or text.endswith(":") or single_word) and len(
        follower
    ) > len(text)


def _is_tag(text: str, next_text: str) -> bool:
    """A short category line right before ``Publié le``."""
    return bool(shapes.PUBLISHED.match(next_text)) and len(shapes.words(text)) <= 6


def _single(
    text: str, following: list[Line] | None, interview: bool, authors: tuple[str, ...]
) -> Block:
    clean = shapes.clean(text)
    bullet = shapes.BULLET.match(text)
    numbered = shapes.NUMBERED.match(text)
    if bullet:
        return ListBlock((shapes.clean(text[bullet.end() :]),))
    if numbered:
        return ListBlock(
            (shapes.clean(text[numbered.end() :]),), ordered=True, start=int(numbered[1])
        )
    if BLOCKQUOTE.match(text):
        return Quote(shapes.clean(BLOCKQUOTE.sub("", text, count=1)))
    if shapes.BYLINE.match(text) or shapes.SHORT_BYLINE.match(text) or shapes.COHORT.match(text):
        return Byline(clean)
    if clean in authors:
        return Byline(clean)  # a signature
    if "©" in text or shapes.CREDIT.match(text):
        return Credit(clean)
    answer = ANSWER.match(text)
    if answer and interview:
        return Answer(text=clean, speaker=answer["who"])
    if interview and clean.endswith("?"):
        return Question(clean)
    if QUOTE_LINE.match(clean):
        return Quote(clean)
    if shapes.is_person_name(clean) or CAPTION_LEAD.match(clean):
        return Caption(clean)
    if shapes.SESSION_HEADING.match(clean) and shapes.is_all_caps(clean.split(":")[0]):
        return Heading(clean, level=2)
    if (
        shapes.is_title_shaped(clean)
        and following is not None
        and not clean.endswith("!")  # an exclamation is a sentence, not a heading
        and not shapes.BYLINE.match(
            following[0].text
        )  # the last line before "Propos recueillis par"
        and not CALL_TO_ACTION.match(clean)
        and not _short_key_value(clean)
    ):
        return Heading(clean, level=2)
    return Paragraph(clean)


def _short_key_value(text: str) -> bool:
    """``Intervenant : …``: a label of one to three words, then a colon."""
    match = FACT.match(text)
    return match is not None and len(shapes.words(match["key"])) <= 3


def _merge_lists(blocks: list[Block]) -> list[Block]:
    """Adjacent one-item lists of the same kind become one list."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            isinstance(block, ListBlock)
            and isinstance(previous, ListBlock)
            and previous.ordered == block.ordered
        ):
            merged[-1] = ListBlock(previous.items + block.items, previous.ordered, previous.start)
        else:
            merged.append(block)
    return merged
