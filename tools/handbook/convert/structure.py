"""Stage 9, structure: an article's lines, with their roles, -> typed blocks.

The role of each line was decided by the line-role model (stage ``label``);
this stage only groups lines into blocks and keeps the page well formed:

* each paragraph line is its own paragraph (separate lines stay separate);
* consecutive list items form one list, « Voir aussi » items one block
  under their label, fact-sheet lines one definition list, timetable lines
  one timetable;
* a quotation's attribution is attached to it;
* headings are nested by level (never deeper than one below the previous
  heading) and a heading with nothing under it before the next heading of
  the same or a higher level is shown as a paragraph: a mistaken heading
  never makes an empty section.

Text is never rewritten: each block keeps its lines' text (list markers
and the ``Label :`` of fact lines are shown by the markup instead).
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
    SeeAlso,
    Timetable,
)

ANSWER = re.compile(r"^\s*(?P<who>[A-ZÀ-Ý][\w'’-]+(?:\s[A-ZÀ-Ý][\w'’-]+)?)\s?:\s*(?=[“\"«])")
FACT = re.compile(r"^\s*(?P<key>[^:]{1,40}?)\s?:\s+(?P<value>\S.*)$")
TIME_ENTRY = re.compile(r"^\s*(?P<time>\d{1,2}\s?[hH]\s?\d{0,2}(?:\s?[-–—à]\s?\d{1,2}\s?[hH]\s?\d{0,2})?)\s*(?:[-–—:,]\s*)?(?P<rest>.*)$")  # fmt: skip
BLOCKQUOTE = re.compile(r"^\s*>\s?")
HEADING_LEVELS = {"title": 2, "heading2": 2, "heading3": 3, "heading4": 4}


def structure(lines: tuple[Line, ...]) -> list[Block]:
    """The blocks of an article body whose lines carry their roles."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        role = line.role or "paragraph"
        text = shapes.clean(line.text)
        if not text:
            index += 1
            continue
        if role in HEADING_LEVELS:
            blocks.append(Heading(text, HEADING_LEVELS[role]))
        elif role == "list_item":
            items: list[str] = []
            numbered = shapes.NUMBERED.match(line.text)
            while index < len(lines) and lines[index].role == "list_item":
                items.append(_item_text(lines[index].text))
                index += 1
            start = int(numbered[1]) if numbered else 1
            blocks.append(ListBlock(tuple(items), ordered=bool(numbered), start=start))
            continue
        elif role in ("see_also", "see_also_label"):
            label = text if role == "see_also_label" else ""
            index += role == "see_also_label"
            entries = []
            while index < len(lines) and lines[index].role == "see_also":
                entries.append(_item_text(lines[index].text))
                index += 1
            blocks.append(SeeAlso(label, tuple(entries)))
            continue
        elif role == "quote":
            blocks.append(Quote(_quote_text(line.text)))
        elif role == "attribution":
            previous = blocks[-1] if blocks else None
            following = lines[index + 1] if index + 1 < len(lines) else None
            if isinstance(previous, Quote) and not previous.attribution:
                blocks[-1] = Quote(previous.text, text)
            elif following is not None and following.role == "quote":
                blocks.append(Quote(_quote_text(following.text), text))
                index += 1
            else:
                blocks.append(Byline(text))
        elif role == "caption":
            blocks.append(Caption(text))
        elif role == "credit":
            blocks.append(Credit(text))
        elif role in ("byline", "date"):
            published = shapes.PUBLISHED.match(text)
            following = lines[index + 1] if index + 1 < len(lines) else None
            if (
                published
                and not published["rest"].strip()
                and following is not None
                and shapes.parse_french_date(following.text)
            ):  # « Publié le : » then the date on its own line: one metadata line
                blocks.append(Byline(f"{text} {shapes.clean(following.text)}"))
                index += 2
                continue
            blocks.append(Byline(text))
        elif role == "question":
            blocks.append(Question(text))
        elif role == "answer":
            answer = ANSWER.match(text)
            blocks.append(Answer(text, answer["who"] if answer else None))
        elif role == "fact" and not _in_run(lines, index, "fact"):
            blocks.append(Paragraph(text))  # one « Label : value » line alone is a sentence
        elif role == "fact":
            pairs = []
            while index < len(lines) and lines[index].role == "fact":
                match = FACT.match(shapes.clean(lines[index].text))
                if match is None:
                    break
                pairs.append((match["key"].strip(), match["value"].strip()))
                index += 1
            if pairs:
                blocks.append(Facts(tuple(pairs)))
                continue
            blocks.append(Paragraph(text))
        elif role == "timetable":
            entries_: list[tuple[str, str]] = []
            while index < len(lines) and lines[index].role == "timetable":
                entry = shapes.clean(lines[index].text)
                match = TIME_ENTRY.match(entry)
                nxt = lines[index + 1] if index + 1 < len(lines) else None
                if match and not match["rest"] and nxt is not None and nxt.role != "timetable":
                    # "7h50" alone, then what happens at 7h50
                    entries_.append((match["time"], shapes.clean(nxt.text)))
                    index += 2
                elif match and match["rest"]:
                    entries_.append((match["time"].strip(), match["rest"]))
                    index += 1
                else:
                    entries_.append(("", entry))
                    index += 1
            blocks.append(Timetable(tuple(entries_)))
            continue
        else:  # paragraph, and any role a page has no place for
            blocks.append(Paragraph(text))
        index += 1
    return _tidy_headings(blocks)


def _quote_text(text: str) -> str:
    """A quotation line without a leading ``>`` (the blockquote shows one)."""
    return shapes.clean(BLOCKQUOTE.sub("", text, count=1))


def _in_run(lines: tuple[Line, ...], index: int, role: str) -> bool:
    """Is the line at ``index`` next to another line of the same role?"""
    before = index > 0 and lines[index - 1].role == role
    after = index + 1 < len(lines) and lines[index + 1].role == role
    return before or after


def _item_text(text: str) -> str:
    """A list item without its marker (the list shows one)."""
    bullet = shapes.BULLET.match(text)
    if bullet:
        return shapes.clean(text[bullet.end() :])
    numbered = shapes.NUMBERED.match(text)
    if numbered:
        return shapes.clean(text[numbered.end() :])
    return shapes.clean(text)


def _tidy_headings(blocks: list[Block]) -> list[Block]:
    """Headings nested by level; a heading with an empty section becomes a paragraph."""
    out = _nest(list(blocks))
    # an empty section: the next block is a heading of the same or a higher level, or nothing
    changed = True
    while changed:
        changed = False
        for index, block in enumerate(out):
            if not isinstance(block, Heading):
                continue
            following = out[index + 1] if index + 1 < len(out) else None
            if following is None or (
                isinstance(following, Heading) and following.level <= block.level
            ):
                out[index] = Paragraph(block.text)
                changed = True
        out = _nest(out)
    return out


def _nest(blocks: list[Block]) -> list[Block]:
    """No heading deeper than one level below the previous heading."""
    level = 1
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            nested = min(block.level, level + 1)
            if nested != block.level:
                blocks[index] = Heading(block.text, nested)
            level = nested
    return blocks
