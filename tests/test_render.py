"""Tests for :mod:`handbook.convert.render`: hand-written fixtures, front matter,
fingerprints and a real Sphinx build of hostile pages."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from handbook.convert.model import (
    Answer,
    Article,
    Byline,
    Caption,
    Credit,
    Facts,
    Heading,
    ListBlock,
    Occurrence,
    Page,
    Paragraph,
    Question,
    Quote,
    ThemeChoice,
    Timetable,
)
from handbook.convert.render import (
    RESERVED_META_KEYS,
    FrontMatterError,
    compute_fingerprint,
    read_front_matter,
    render_block,
    render_page,
)

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import build, describe
except ImportError:  # tests/ became a package
    from tests.sphinx_util import build, describe

FIXTURES = Path(__file__).parent / "fixtures" / "render"

# --------------------------------------------------------------------------
# fixture files
# --------------------------------------------------------------------------


def read_fixture_file(path: Path) -> list[tuple[int, str, str, str]]:
    """Cases ``(line, title, input, expected)`` of a fixture file.

    A case is a title line, ``.``, input lines, ``.``, expected lines, ``.``;
    a title is a non-empty line followed by a ``.`` line; other lines are
    commentary.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    i = 0
    while i < len(lines) - 1:
        if lines[i] and lines[i] != "." and lines[i + 1] == ".":
            title, start = lines[i], i
            j = i + 2
            k = lines.index(".", j)
            m = lines.index(".", k + 1)
            cases.append((start + 1, title, "\n".join(lines[j:k]), "\n".join(lines[k + 1 : m])))
            i = m + 1
        else:
            i += 1
    return cases


def _occurrence(value: list[Any]) -> Occurrence:
    file, first, last = value
    return Occurrence(str(file), int(first), int(last))


def _block(spec: dict[str, Any]) -> Any:
    ((kind, value),) = spec.items()
    if kind == "paragraph":
        return Paragraph(value)
    if kind == "heading":
        return Heading(value) if isinstance(value, str) else Heading(value["text"], value["level"])
    if kind == "list":
        return ListBlock(tuple(value))
    if kind == "ordered":
        if isinstance(value, list):
            return ListBlock(tuple(value), ordered=True)
        return ListBlock(tuple(value["items"]), ordered=True, start=value.get("start", 1))
    if kind == "quote":
        return Quote(value)
    if kind == "question":
        return Question(value)
    if kind == "answer":
        if isinstance(value, str):
            return Answer(value)
        return Answer(value["text"], value.get("speaker"))
    if kind == "caption":
        return Caption(value)
    if kind == "credit":
        return Credit(value)
    if kind == "byline":
        return Byline(value)
    if kind == "facts":
        return Facts(tuple((str(k), str(v)) for k, v in value))
    if kind == "timetable":
        return Timetable(tuple((str(k), str(v)) for k, v in value))
    raise ValueError(f"unknown block kind {kind!r}")


def page_from_spec(spec: dict[str, Any]) -> Page:
    kept = _occurrence(spec.get("kept", ["sources/a.txt", 1, 10]))
    occurrences = tuple(_occurrence(o) for o in spec.get("occurrences", [])) or (kept,)
    date = spec.get("date")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    theme = spec.get("theme")
    article = Article(
        title=spec.get("title", "Titre"),
        slug=spec.get("slug", "titre"),
        body=(),
        kept=kept,
        occurrences=occurrences,
        date=date,
        authors=tuple(spec.get("authors", ())),
        tags=tuple(spec.get("tags", ())),
        theme=ThemeChoice(theme, theme.title(), 1.0, (), None, "manual") if theme else None,
    )
    blocks = tuple(_block(b) for b in spec.get("blocks") or ())
    return Page(article, blocks, dict(spec.get("extra_meta") or {}))


def _fixture_params() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.md")):
        for line, title, source, expected in read_fixture_file(path):
            params.append(pytest.param(source, expected, id=f"{path.stem}:{line}:{title}"))
    return params


@pytest.mark.parametrize(("source", "expected"), _fixture_params())
def test_fixture(source: str, expected: str) -> None:
    spec = yaml.safe_load(source) or {}
    page = page_from_spec(spec)
    text = render_page(page, fingerprint=bool(spec.get("fingerprint", False)))
    if spec.get("part", "body") == "body":
        _, text, _ = read_front_matter(text)
    assert text == expected + "\n"


def test_fixture_files_are_found() -> None:
    assert len(_fixture_params()) >= 40


# --------------------------------------------------------------------------
# page layout and front matter
# --------------------------------------------------------------------------


def _page(**extra: Any) -> Page:
    spec = {
        "title": "Les « tiers-lieux » numériques",
        "slug": "tiers-lieux",
        "theme": "territoires",
        "date": "2016-11-02",
        "authors": ["Léa Martin"],
        "tags": ["fablab"],
        "kept": ["sources/blog-1.txt", 10, 30],
        "occurrences": [["sources/blog-1.txt", 10, 30], ["sources/blog-3.txt", 2, 20]],
        "blocks": [
            {"paragraph": "Un *tiers-lieu* est un espace partagé."},
            {"heading": "Exemples"},
            {"list": ["La Cantine", "Le Hub"]},
        ],
    }
    spec.update(extra)
    return page_from_spec(spec)


def test_page_layout() -> None:
    text = render_page(_page())
    assert text.startswith("---\n")
    assert text.endswith("\n") and not text.endswith("\n\n")
    meta, body, line = read_front_matter(text)
    assert list(meta) == [
        "title",
        "slug",
        "theme",
        "date",
        "authors",
        "tags",
        "sources",
        "fingerprint",
    ]
    assert body.startswith("\n# Les « tiers-lieux » numériques\n\n")
    assert text.split("\n")[line - 1 :] == body.split("\n")
    assert "\n\n\n" not in text


def test_front_matter_values_round_trip() -> None:
    page = _page(
        title="Titre : « spécial » \"x\" 'y' #1\n--- ligne\u2028\x85\x00",
        authors=["- Léa", "{doc}`x`", "null", "2014-01-01"],
        tags=["yes", "1.5", "~"],
        extra_meta={"niveau": "L3", "mots": ("a", "b"), "note": "...\n---"},
    )
    meta, _, _ = read_front_matter(render_page(page))
    art = page.article
    assert meta["title"] == art.title
    assert meta["authors"] == list(art.authors)
    assert meta["tags"] == list(art.tags)
    assert meta["date"] == art.date  # a string, not a datetime.date
    assert meta["theme"] == "territoires"
    assert meta["sources"] == [
        {"file": "sources/blog-1.txt", "first_line": 10, "last_line": 30},
        {"file": "sources/blog-3.txt", "first_line": 2, "last_line": 20},
    ]
    assert meta["niveau"] == "L3" and meta["mots"] == ["a", "b"] and meta["note"] == "...\n---"


def test_front_matter_is_one_line_per_scalar() -> None:
    text = render_page(_page(title="a\n---\nb\n...", extra_meta={"x": "c\n...\nd"}))
    front = text.split("---\n")[1].split("\n")
    # nothing inside the front matter can be read as its end
    assert all(line not in ("---", "...") for line in front)
    assert 'title: "a\\n---\\nb\\n..."' in front
    assert 'x: "c\\n...\\nd"' in front


def test_tags_omitted_when_empty_and_null_date() -> None:
    meta, _, _ = read_front_matter(render_page(_page(tags=[], date=None, theme=None)))
    assert "tags" not in meta
    assert meta["date"] is None
    assert meta["theme"] == ""


@pytest.mark.parametrize("key", sorted(RESERVED_META_KEYS))
def test_extra_meta_cannot_override_reserved_keys(key: str) -> None:
    with pytest.raises(ValueError, match=key):
        render_page(_page(extra_meta={key: "x"}))


@pytest.mark.parametrize("date", ["{raw}`x`", "5 mars 2014", "2014-03-05T10:00", "2014", ""])
def test_date_must_be_iso(date: str) -> None:
    with pytest.raises(ValueError, match="ISO"):
        render_page(_page(date=date))


def test_read_front_matter_without_front_matter() -> None:
    assert read_front_matter("# Titre\n") == ({}, "# Titre\n", 1)
    assert read_front_matter("") == ({}, "", 1)


@pytest.mark.parametrize(
    "text",
    ["---\ntitle: x\n", "---\n- a\n- b\n---\n", "---\nun texte\n---\n# x\n"],
)
def test_read_front_matter_errors(text: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        read_front_matter(text)
    assert isinstance(info.value, ValueError) and isinstance(info.value, yaml.YAMLError)
    assert info.value.problem  # a French message, as `handbook check` shows it
    with pytest.raises(yaml.YAMLError):
        read_front_matter("---\ntitle: [x\n---\n")


def test_read_front_matter_hand_edited_delimiters() -> None:
    # as MyST reads them: trailing spaces, "..." closing, CRLF line ends
    assert read_front_matter("---  \ntitle: x\n...\n\n# x\n") == ({"title": "x"}, "\n# x\n", 4)
    meta, body, line = read_front_matter("---\r\ntitle: x\r\n---\r\n# x\r\n")
    assert meta == {"title": "x"} and body == "# x\r\n" and line == 4


def test_render_block() -> None:
    assert render_block(Paragraph("a *b*")) == "a \\*b\\*"
    assert render_block(Question(" ")) == ""


# --------------------------------------------------------------------------
# fingerprint
# --------------------------------------------------------------------------


def test_fingerprint_is_hash_of_page_without_fingerprint_line() -> None:
    page = _page()
    text = render_page(page)
    without = render_page(page, fingerprint=False)
    meta, _, _ = read_front_matter(text)
    expected = "sha256:" + hashlib.sha256(without.encode("utf-8")).hexdigest()
    assert meta["fingerprint"] == expected
    assert compute_fingerprint(text) == expected
    assert compute_fingerprint(without) == expected
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", expected)
    # the fingerprint line is the last line of the front matter
    assert text.replace(f"fingerprint: {expected}\n", "") == without


def test_fingerprint_of_unclosed_front_matter() -> None:
    text = "---\ntitle: x\nfingerprint: sha256:00\n"
    assert compute_fingerprint(text) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_fingerprint_is_stable() -> None:
    assert render_page(_page()) == render_page(_page())


def test_fingerprint_changes_with_one_body_character() -> None:
    text = render_page(_page())
    edited = text.replace("espace partagé", "espace partagée")
    assert edited != text
    assert compute_fingerprint(edited) != read_front_matter(text)[0]["fingerprint"]
    other = render_page(_page(blocks=[{"paragraph": "Un *tiers-lieu* est un espace partagée."}]))
    assert read_front_matter(other)[0]["fingerprint"] != read_front_matter(text)[0]["fingerprint"]


def test_fingerprint_changes_with_front_matter() -> None:
    text = render_page(_page())
    edited = text.replace("slug: tiers-lieux", "slug: tiers-lieu")
    assert compute_fingerprint(edited) != compute_fingerprint(text)


# --------------------------------------------------------------------------
# a real Sphinx build
# --------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "<javascript:alert(1)>",
    "{raw}`<b>raw</b>`",
    "{{ secret }}",
    "$x$",
    "&lt;script&gt;",
]
HOSTILE_LINES = "\n".join(
    [
        *HOSTILE,
        "```{raw} html",
        "<script>alert(2)</script>",
        "```",
        ":::{eval-rst}",
        ".. raw:: html",
        "",
        "   <script>alert(3)</script>",
        ":::",
        "```{include} /etc/passwd",
        "```",
        "(cible)=",
        "% commentaire",
        "[^1]: note",
        "    code indenté",
        "NUL\x00 LS\u2028 NEL\x85 « nbsp\u00a0» ",
    ]
)


def _hostile_page(slug: str) -> Page:
    kept = Occurrence("sources/a.txt", 1, 99)
    article = Article(
        title=f"Page {slug} <script>alert('titre')</script>",
        slug=slug,
        body=(),
        kept=kept,
        occurrences=(kept,),
        date="2014-03-05",
        authors=("<script>alert(4)</script>", "{doc}`x`", "Dupont_"),
        tags=("[x](javascript:alert(5))",),
        theme=ThemeChoice("droit", "Droit", 1.0, (), None, "auto"),
    )
    blocks = (
        Heading("<script>alert('h')</script> ##"),
        Heading("Doublon", 3),
        Heading("Doublon", 3),
        Heading("Doublon {#id} (x)=", 4),
        Paragraph(HOSTILE_LINES + "\nVoir https://lpcpon.fr/page."),
        ListBlock(tuple(HOSTILE)),
        ListBlock(tuple(HOSTILE), ordered=True, start=3),
        Quote(HOSTILE_LINES),
        Question(HOSTILE_LINES),
        Answer(HOSTILE_LINES, "<b>Marie</b>"),
        Caption(HOSTILE_LINES),
        Credit(HOSTILE_LINES),
        Byline(HOSTILE_LINES),
        Facts(tuple((h, h) for h in HOSTILE)),
        Timetable((("7h50", HOSTILE_LINES),)),
    )
    return Page(article, blocks, {"niveau": "<script>alert(6)</script>"})


# the MyST and security settings of docs/conf.py, with a plain theme
CONF_PY = """\
project = "Test"
extensions = ["myst_parser", "sphinx_design"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3
smartquotes = False
nitpicky = True
language = "fr"
exclude_patterns = ["_build"]
html_theme = "alabaster"
"""

DOCUTILS_CONF = """\
[general]
raw_enabled: false
file_insertion_enabled: false
"""


@pytest.mark.sphinx
def test_sphinx_build_of_hostile_pages(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF_PY, encoding="utf-8")
    (src / "docutils.conf").write_text(DOCUTILS_CONF, encoding="utf-8")
    slugs = ["page-a", "page-b"]
    (src / "index.md").write_text(
        "# Accueil\n\n```{toctree}\n" + "\n".join(slugs) + "\n```\n", encoding="utf-8"
    )
    for slug in slugs:
        (src / f"{slug}.md").write_text(render_page(_hostile_page(slug)), encoding="utf-8")
    out = tmp_path / "html"
    result = build(src, out, ["-q"])
    assert result.returncode == 0, describe(result)

    from bs4 import BeautifulSoup

    def inline_scripts(soup: BeautifulSoup) -> set[str]:
        return {s.get_text() for s in soup.find_all("script") if not s.get("src")}

    index = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    theme_scripts = inline_scripts(index)  # the theme's own inline scripts
    for slug in slugs:
        html = (out / f"{slug}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        # only Sphinx's own scripts: <script src=…> and the theme's inline ones
        assert inline_scripts(soup) <= theme_scripts
        for script in soup.find_all("script", src=True):
            assert script["src"].startswith("_static/"), script
            assert not script.get_text().strip()
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), tag
                if attr.lower() in ("href", "src", "action", "formaction"):
                    assert (
                        not str(value)
                        .strip()
                        .lower()
                        .startswith(("javascript:", "data:", "vbscript:"))
                    ), tag
        assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
        body = soup.find("div", class_="body")
        assert body is not None and not body.find_all("script")
        text = body.get_text()
        for hostile in HOSTILE:
            assert hostile in text, hostile
        fragments = ("```{raw} html", ":::{eval-rst}", ".. raw:: html", "(cible)=", "[^1]: note")
        for fragment in fragments:
            assert fragment in text, fragment
        assert "« nbsp\u00a0»" in text
        links = [a["href"] for a in body.find_all("a", href=True) if not a["href"].startswith("#")]
        assert links == ["https://lpcpon.fr/page"] * len(links) and links
