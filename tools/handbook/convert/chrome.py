"""Stage 3, chrome: drop site furniture, cut the rest into blocks, pick a mode.

Site chrome is what a source profile (``docs/_data/source-profiles.yaml``)
or a ``chrome`` correction names, and, on any site, what the line-role model
(stage ``label``) recognised as chrome; each dropped line goes to the report
with the rule that dropped it. What remains is cut into *blocks* (runs of
non-blank lines), and the file's reading mode is chosen from its shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..data.corrections import Corrections
from ..data.profiles import ChromeRule, Profiles
from . import shapes
from .model import Dropped, Line, SourceText

CORRECTION_RULE = "sources/corrections.yaml (chrome)"
MODEL_RULE = "modèle des rôles de ligne : habillage de site (menu, lien, bandeau, pied de page…)"
REPEAT_RATIO = 92  # two lines at least this similar (0-100) are "the same title"


@dataclass
class Block:
    lines: list[Line]

    @property
    def first(self) -> int:
        return self.lines[0].number

    @property
    def last(self) -> int:
        return self.lines[-1].number

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def single(self) -> bool:
        return len(self.lines) == 1

    @property
    def head(self) -> str:
        return shapes.clean(self.lines[0].text)


@dataclass
class PreparedFile:
    """A source with its chrome removed and cut into blocks."""

    source: SourceText
    blocks: list[Block]
    dropped: list[Dropped]
    mode: str
    profiles: tuple[str, ...] = ()


def prepare(
    source: SourceText, profiles: Profiles, fixes: Corrections | None = None
) -> PreparedFile:
    texts = [line.text for line in source.lines]
    forced_chrome = {n for f, n in (fixes.chrome if fixes else ()) if f == source.path}
    kept_lines = {n for f, n in (fixes.keep if fixes else ()) if f == source.path}
    rules, profile_ids = profiles.chrome_for(texts)
    dropped: list[Dropped] = []
    chrome_numbers: set[int] = set()
    content = [line for line in source.lines if not line.blank]
    index = 0
    while index < len(content):
        line = content[index]
        rule = None if line.number in kept_lines else _chrome_rule(line.text, rules)
        if line.number in kept_lines:
            pass  # a correction says this line is not chrome
        elif line.number in forced_chrome:
            chrome_numbers.add(line.number)
            dropped.append(
                Dropped(source.path, line.number, line.text, "site-chrome", CORRECTION_RULE)
            )
        elif rule is None and line.role == "chrome" and _category_line(content, index):
            # a rubric line just before « Publié le »: the article's category (tags)
            content[index] = replace(line, role="byline")
        elif rule is None and line.role == "chrome" and not _profile_shape(line, profiles):
            chrome_numbers.add(line.number)
            dropped.append(Dropped(source.path, line.number, line.text, "site-chrome", MODEL_RULE))
        elif rule is not None:
            chrome_numbers.add(line.number)
            dropped.append(
                Dropped(source.path, line.number, line.text, "site-chrome", rule.description)
            )
            following = content[index + 1] if index + 1 < len(content) else None
            if rule.then and following and rule.then.match(shapes.clean(following.text)):
                chrome_numbers.add(following.number)
                dropped.append(
                    Dropped(
                        source.path,
                        following.number,
                        following.text,
                        "site-chrome",
                        f"{rule.description} (ligne suivante)",
                    )
                )
                index += 1
        index += 1
    blocks: list[Block] = []
    current: list[Line] = []
    kept = {line.number: line for line in content}
    for line in source.lines:
        if line.blank or line.number in chrome_numbers:
            if current:
                blocks.append(Block(current))
                current = []
        else:
            current.append(kept[line.number])
    if current:
        blocks.append(Block(current))
    if any(profiles.feed_footer.match(shapes.clean(t)) for t in texts):
        mode = "feed"
    elif any(html_title_at(blocks, i, profiles) for i in range(len(blocks))):
        mode = "page"
    else:
        mode = "blog"
    return PreparedFile(source, blocks, dropped, mode, profile_ids)


def with_kept_roles(prepared: PreparedFile) -> SourceText:
    """The source whose kept lines carry the role this stage gave them (a
    category line the model took for chrome is a byline here)."""
    roles = {line.number: line.role for block in prepared.blocks for line in block.lines}
    source = prepared.source
    lines = tuple(
        replace(line, role=roles[line.number])
        if line.number in roles and roles[line.number] != line.role
        else line
        for line in source.lines
    )
    return replace(source, lines=lines)


CATEGORY_MAX_WORDS = 6


def _category_line(content: list[Line], index: int) -> bool:
    text = shapes.clean(content[index].text)
    following = content[index + 1] if index + 1 < len(content) else None
    return (
        following is not None
        and bool(shapes.PUBLISHED.match(following.text))
        and len(shapes.words(text)) <= CATEGORY_MAX_WORDS
        and not shapes.ends_sentence(text)
    )


def _profile_shape(line: Line, profiles: Profiles) -> bool:
    """A feed footer or an HTML title line: the profiles' rules use it to cut articles."""
    text = shapes.clean(line.text)
    return bool(profiles.feed_footer.match(text) or profiles.html_title.match(text))


def _chrome_rule(text: str, rules: tuple[ChromeRule, ...]) -> ChromeRule | None:
    stripped = shapes.clean(text)
    for rule in rules:
        if rule.pattern.match(stripped):
            return rule
    return None


def html_title_at(blocks: list[Block], index: int, profiles: Profiles) -> str | None:
    """The title, when block ``index`` is ``Title | Site`` followed by Title."""
    block = blocks[index]
    match = profiles.html_title.match(block.head)
    if not match:
        return None
    following = (
        block.lines[1].text
        if len(block.lines) > 1
        else (blocks[index + 1].head if index + 1 < len(blocks) else "")
    )
    if same_line(match["title"], following):
        return match["title"]
    return None


def same_line(a: str, b: str) -> bool:
    ka, kb = shapes.compare_key(a), shapes.compare_key(b)
    return bool(ka) and (ka == kb or fuzz.ratio(ka, kb) >= REPEAT_RATIO)
