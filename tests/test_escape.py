"""Property tests for :mod:`handbook.common.escape` and whole rendered pages.

Every test parses the produced MyST with MyST-Parser at the docutils level,
with the extensions and settings of the handbook, and checks that the text
comes out as plain text, character for character.

The hypothesis settings are deterministic and small by default; run
``HYPOTHESIS_PROFILE=long pytest tests/test_escape.py`` (part of
``make test-long``) for a longer, randomised search. They are this file's
own (tests/property_settings.py): no other file can change them.
"""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from handbook.common.escape import (
    escape_heading,
    escape_inline,
    escape_url,
    escape_with_links,
    find_urls,
    visible_controls,
)
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
from handbook.convert.render import render_page
from hypothesis import example, given
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser

# myst-parser itself calls the deprecated Node.traverse()
pytestmark = pytest.mark.filterwarnings("ignore:nodes.Node.traverse:DeprecationWarning")

try:
    from property_settings import property_settings
except ImportError:  # collected as the package ``tests``
    from tests.property_settings import property_settings

# this file's own settings: no global profile is registered or loaded
SETTINGS = property_settings(examples=300, long_examples=5000)

# --------------------------------------------------------------------------
# parsing helpers
# --------------------------------------------------------------------------

MYST_SETTINGS = {
    "myst_enable_extensions": ["colon_fence", "deflist", "fieldlist"],
    "myst_disable_syntax": ["html_block", "html_inline"],
    "raw_enabled": False,
    "file_insertion_enabled": False,
    "report_level": 2,
    "halt_level": 5,
    "language_code": "fr",
    "doctitle_xform": False,  # keep the "# title" section as a section
}


def parse_myst(source: str) -> tuple[nodes.document, str]:
    """Doctree of ``source`` and the warnings docutils reported."""
    warnings = io.StringIO()
    doctree = publish_doctree(
        source,
        parser=Parser(),
        settings_overrides={**MYST_SETTINGS, "warning_stream": warnings},
    )
    return doctree, warnings.getvalue()


_ASCII_WS = re.compile(r"[ \t\n\r\f\v]+")


def norm(text: str) -> str:
    """Collapse runs of ASCII whitespace; other spaces (U+00A0…) are kept."""
    return _ASCII_WS.sub(" ", text).strip(" ")


def expected_text(text: str) -> str:
    return norm(visible_controls(text))


def is_blank(text: str) -> bool:
    return not visible_controls(text).strip(" \t\n")


def node_types(tree: nodes.Node) -> set[str]:
    return {type(n).__name__ for n in tree.findall()}


def assert_plain_paragraph(text: str, escaped: str) -> None:
    doctree, warnings = parse_myst(escaped + "\n")
    assert warnings == ""
    if is_blank(text):
        assert escaped == ""
        assert len(doctree.children) == 0
        return
    assert [type(c).__name__ for c in doctree.children] == ["paragraph"], doctree.pformat()
    assert node_types(doctree) <= {"document", "paragraph", "Text"}, doctree.pformat()
    assert norm(doctree.astext()) == expected_text(text)


# --------------------------------------------------------------------------
# strategies
# --------------------------------------------------------------------------

WORDS = [
    "été",
    "l’école",
    "Noël",
    "cœur",
    "ça",
    "Ô",
    "à",
    "snake_case",
    "a_b",
    "2014",
    "x",
    "rendez-vous",
    "aujourd'hui",
    "LP",
    "CP&ON",
]
FRAGMENTS = [
    "*",
    "**",
    "_",
    "__",
    "`",
    "```",
    "[",
    "]",
    "(",
    ")",
    "![",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "<?",
    "<a@b.fr>",
    "<http://x.fr>",
    "{raw}",
    "{raw}`<b>`",
    "```{raw} html",
    "{eval-rst}",
    "{include}",
    "{{x}}",
    "{{ x }}",
    "$x$",
    "$$",
    ":::",
    ":::{note}",
    ":name: v",
    ": ",
    "~ ",
    "---",
    "***",
    "___",
    "===",
    "+++",
    "~~~",
    "~~",
    "#",
    "## ",
    "1.",
    "1)",
    "12. ",
    "- ",
    "+ ",
    "* ",
    ">",
    "> ",
    "|",
    "| a | b |",
    "&amp;",
    "&#123;",
    "&#x41;",
    "&nbsp;",
    "\\",
    "\\*",
    "%",
    "% ",
    "(x)=",
    "[^1]",
    "[^1]: note",
    "[a]: http://x",
    "[a](javascript:alert(1))",
    "http://x.fr",
    "www.x.fr",
    "^",
    "~",
    "=",
    "-",
    "+",
    "!",
    "@",
    "\u00a0",
    "\u202f",
    "\u2007",
    "«",
    "»",
    "« ",
    " »",
    "\n",
    "\n",
    "\t",
    "    ",
    " ",
    " ",
    "  ",
    "\r",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
]
_ALPHABET = "*_`[](){}<>:#|$&\\%=+-~^!.)0123456789 \t\n\u00a0\u202fabcé«»"

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(WORDS),
        st.text(alphabet=_ALPHABET, max_size=4),
    ),
    max_size=24,
).map("".join)

# the same without anything a URL could be made of, for whole pages
_URL_FREE_FRAGMENTS = [f for f in FRAGMENTS if "http" not in f and "www" not in f]
url_free_text = st.lists(
    st.one_of(
        st.sampled_from(_URL_FREE_FRAGMENTS),
        st.sampled_from(WORDS),
        st.text(alphabet=_ALPHABET, max_size=4),
    ),
    max_size=12,
).map("".join)


# --------------------------------------------------------------------------
# escape_inline
# --------------------------------------------------------------------------


@SETTINGS
@given(hostile_text)
# one regression example per syntax class
@example("*emphase* **gras** _sous_ __tiret__")
@example("a * b, a*b, 2 * 3 = 6, snake_case, _début et fin_")
@example("`code` ``double`` ```")
@example("[lien](http://x.fr) ![image](x.png) [ref][r] [^1]")
@example("[a]: http://x\n[^1]: une note")
@example("<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- c --> <?php ?>")
@example("<http://x.fr> <a@b.fr> <1@x.fr> a < b <= c")
@example("{raw}`<b>x</b>` {eval-rst}`x` {{ x }} {{x}} {{{x}}}")
@example("```{raw} html\n<script>\n```")
@example("```{eval-rst}\n.. raw:: html\n```\n~~~{include} /etc/passwd\n~~~")
@example("$x$ $$y$$ \\$")
@example(":::{note}\ntexte\n:::")
@example(":name: valeur\n:autre:")
@example("Terme\n: définition\n~ autre")
@example("# Titre\n## Sous-titre\n###### six\n#hashtag")
@example("1. un\n2) deux\n123456789. neuf\n1986. année")
@example("- tiret\n+ plus\n* étoile\n-\n+\n*")
@example("> citation\n>> double")
@example("| a | b |\n|---|---|\n| 1 | 2 |")
@example("a\n---\nb\n===\nc\n***\n___\n- - -\n* * *\n_ _ _")
@example("https://x.fr:::\r https://x.fr:::# https://a@b.fr")
@example("+++\n+ + +\n+++ texte")
@example("(cible)=\n(x)=\u00a0\n\u00a0(y)=")
@example("% commentaire\n%")
@example("&amp; &#123; &#x41; &nbsp; &copy &")
@example("\\ \\\\ \\* \\_ \\` fin\\")
@example("a\\\nb")
@example("deux espaces  \nfin")
@example("    code indenté\n\tavec tab\n        encore")
@example("a\n\nb\n \n\t\nc")
@example("\u00a0espaces insécables\u202f: « guillemets »\u00a0")
@example("\u00a0")
@example("a\n\u00a0\nb")
@example("NUL\x00 CR\r VT\x0b FF\x0c ESC\x1b DEL\x7f NEL\x85 LS\u2028 BOM\ufeff")
@example("~~barré~~ ~x~ ^sup^ H~2~O")
@example("**\u00a0**")
@example("")
@example(" \n\t ")
def test_escape_inline_renders_plain_text(text: str) -> None:
    assert_plain_paragraph(text, escape_inline(text))


@SETTINGS
@given(hostile_text)
@example("*")
@example("a *")
@example("* a")
@example("_a_")
@example("a\u00a0*")
@example("x <")
@example("**")
@example("fin\\")
def test_escape_inline_wrapped_in_strong_and_emphasis(text: str) -> None:
    inner = escape_inline(text, wrapped=True)
    if not inner:
        assert is_blank(text)
        return
    for delim, kind in (("**", "strong"), ("*", "emphasis")):
        doctree, warnings = parse_myst(f"{delim}{inner}{delim}\n")
        assert warnings == ""
        para = doctree.children[0]
        assert len(doctree.children) == 1 and isinstance(para, nodes.paragraph)
        # MyST leaves empty Text nodes around inline markup: ignore them
        children = [c for c in para.children if not isinstance(c, nodes.Text) or c.astext()]
        assert len(children) == 1, doctree.pformat()
        assert type(children[0]).__name__ == kind, doctree.pformat()
        assert node_types(doctree) <= {"document", "paragraph", "Text", kind}
        assert norm(para.astext()) == expected_text(text)


@SETTINGS
@given(hostile_text)
@example("#")
@example("a ##")
@example("### ")
@example("titre #1")
@example("\u00a0titre\u00a0")
@example("a\nb")
def test_escape_heading(text: str) -> None:
    title = escape_heading(text)
    assert "\n" not in title
    doctree, warnings = parse_myst(f"# {title}\n" if title else "")
    assert warnings == ""
    if is_blank(text):
        assert title == ""
        return
    (section,) = doctree.findall(nodes.section)
    assert node_types(doctree) <= {"document", "section", "title", "Text"}
    assert norm(section[0].astext()) == expected_text(text)


def test_escapes_are_minimal() -> None:
    # plain French prose and harmless punctuation are left as they are
    prose = "L’école, « cœur » : 20 % des élèves ; a * b = c. snake_case (x) #1 -5 °C!"
    assert escape_inline(prose) == prose
    harmless = "a < b, x > y, {x}, ~, ^, a_b_c, 3+4"
    assert escape_inline(harmless) == harmless
    assert escape_inline("#hashtag") == "#hashtag"
    assert escape_inline("1986 fut") == "1986 fut"
    assert escape_inline("-5 °C") == "-5 °C"
    assert escape_inline("+33 6") == "+33 6"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*a*", "\\*a\\*"),
        ("a * b", "a * b"),
        ("_a_", "\\_a\\_"),
        ("a_b", "a_b"),
        ("a _b", "a \\_b"),
        ("`x`", "\\`x\\`"),
        ("[x](y)", "\\[x](y)"),
        ("<b>", "\\<b>"),
        ("a < b", "a < b"),
        ("{{x}}", "\\{{x}}"),
        ("{raw}`x`", "{raw}\\`x\\`"),
        ("$x$", "\\$x\\$"),
        ("a|b", "a\\|b"),
        ("&amp;", "\\&amp;"),
        ("& co", "& co"),
        ("~~x~~", "\\~\\~x\\~\\~"),
        ("# x", "\\# x"),
        ("#x", "#x"),
        ("> x", "\\> x"),
        (": x", "\\: x"),
        (":::", "\\:::"),
        ("% x", "\\% x"),
        ("- x", "\\- x"),
        ("---", "\\---"),
        ("--x", "--x"),
        ("---x", "\\---x"),
        ("--- texte", "\\--- texte"),
        ("+ x", "\\+ x"),
        ("+++", "\\+++"),
        ("===", "\\==="),
        ("1. x", "1\\. x"),
        ("1) x", "1\\) x"),
        ("(x)=", "(x)\\="),
        ("\\", "\\\\"),
        ("\\a", "\\a"),
        ("\\*", "\\\\\\*"),
        ("   indenté", "indenté"),
        ("a  \nb", "a\nb"),
        ("a\n\nb", "a\nb"),
        ("\u00a0a\u202f", "&#xA0;a&#x202F;"),
        ("a\rb\x00", "a\u240db\u2400"),
        ("x\x85", "x\ufffd"),
    ],
)
def test_escape_inline_examples(text: str, escaped: str) -> None:
    assert escape_inline(text) == escaped


def test_escape_inline_single_line() -> None:
    assert escape_inline("a\n- b\u2028c\u2029d", single_line=True) == "a - b c d"
    assert escape_inline("- a\nb", single_line=True) == "\\- a b"


def test_visible_controls() -> None:
    assert visible_controls("a\tb\nc") == "a\tb\nc"
    assert visible_controls("\x00\x07\r\x1f\x7f") == "\u2400\u2407\u240d\u241f\u2421"
    assert visible_controls("\x80\x9f") == "\ufffd\ufffd"
    assert visible_controls("\u00a0«\u202f»\ufeff") == "\u00a0«\u202f»\ufeff"
    assert visible_controls("a\u2028b\u2029c") == "a\nb\nc"


# --------------------------------------------------------------------------
# URLs and links
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://x.fr", "http://x.fr"),
        ("https://x.fr/a?b=1&c=2#d", "https://x.fr/a?b=1&c=2#d"),
        ("HTTPS://X.FR/", "HTTPS://X.FR/"),
        ("www.x.fr", "https://www.x.fr"),
        (
            "https://fr.wikipedia.org/wiki/Données_(x)",
            "https://fr.wikipedia.org/wiki/Donn%C3%A9es_%28x%29",
        ),
        ("https://x.fr/a<b>\\c", "https://x.fr/a%3Cb%3E%5Cc"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("vbscript:msgbox", None),
        ("mailto:a@b.fr", None),
        ("file:///etc/passwd", None),
        ("ftp://x.fr", None),
        ("//x.fr", None),
        ("/relatif", None),
        ("http://", None),
        ("http:x.fr", None),
        ("http://x.fr/a b", None),
        ("http://x.fr/\x00", None),
        ("https://[::1", None),
        ("https://x.fr:::#", None),
        ("https://x.fr:8a/", None),
        ("https://x.fr:8080/a", "https://x.fr:8080/a"),
        ("https://google.com@evil.fr/", None),
        ("https://a:b@x.fr/", None),
        ("", None),
    ],
)
def test_escape_url(url: str, safe: str | None) -> None:
    assert escape_url(url) == safe


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("voir https://x.fr.", ["https://x.fr"]),
        ("voir https://x.fr, puis", ["https://x.fr"]),
        ("(https://x.fr)", ["https://x.fr"]),
        ("https://fr.wikipedia.org/wiki/A_(b))", ["https://fr.wikipedia.org/wiki/A_(b)"]),
        ("« https://x.fr »", ["https://x.fr"]),
        ("www.x.fr/page?", ["www.x.fr/page"]),
        ("http://a.fr http://b.fr", ["http://a.fr", "http://b.fr"]),
        ("xhttp://x.fr abc.www.x.fr a@www.x.fr", []),
        ("http:// rien", []),
        ("javascript:alert('http://x.fr')", ["http://x.fr"]),
        ("<https://x.fr>", ["https://x.fr"]),
    ],
)
def test_find_urls(text: str, urls: list[str]) -> None:
    assert [text[a:b] for a, b in find_urls(text)] == urls


LINK_CASES = [
    ("Voir https://x.fr.", ["https://x.fr"]),
    ("Source : www.exemple.fr, consulté", ["www.exemple.fr"]),
    ("https://fr.wikipedia.org/wiki/Données_(x)", ["https://fr.wikipedia.org/wiki/Données_(x)"]),
    ("https://x.fr/a*b*$e$_c_`d`", ["https://x.fr/a*b*$e$_c"]),
    ("https://x.fr/%20&amp;x=[1]", ["https://x.fr/%20&amp;x="]),
    ("https://x.fr/%20&amp;", ["https://x.fr/%20&amp"]),
    ("*https://x.fr*", ["https://x.fr"]),
    ("_https://x.fr_", ["https://x.fr"]),
    ("a_https://x.fr", ["https://x.fr"]),
    ("https://x.fr{{x}}", ["https://x.fr"]),
    ("- https://x.fr\n# www.x.fr", ["https://x.fr", "www.x.fr"]),
    ("<https://x.fr>", ["https://x.fr"]),
    ("[texte](https://x.fr)", ["https://x.fr"]),
    ("https://xn--dnes-bsa.fr", ["https://xn--dnes-bsa.fr"]),
    ("javascript:alert(1) data:text/html,x", []),
    ("https://x.fr/é?a=1&amp;b=2", ["https://x.fr/é?a=1&amp;b=2"]),
    ("!www.x.fr !https://x.fr/é", ["www.x.fr", "https://x.fr/é"]),
    ("\\https://x.fr \\www.x.fr", ["https://x.fr", "www.x.fr"]),
]


@pytest.mark.parametrize(("text", "urls"), LINK_CASES)
def test_escape_with_links(text: str, urls: list[str]) -> None:
    escaped = escape_with_links(text)
    doctree, warnings = parse_myst(escaped + "\n")
    assert warnings == ""
    refs = list(doctree.findall(nodes.reference))
    assert [r.astext() for r in refs] == urls
    for ref in refs:
        assert ref["refuri"].startswith(("http://", "https://"))
        # the link goes where its text says
        assert unquote(ref["refuri"]) == unquote(escape_url(ref.astext()) or "")
    assert node_types(doctree) <= {"document", "paragraph", "Text", "reference"}
    assert norm(doctree.astext()) == expected_text(text)


@SETTINGS
@given(
    st.lists(
        st.one_of(
            hostile_text,
            st.sampled_from(
                [
                    "https://x.fr",
                    "http://x.fr/a_(b)",
                    "www.x.fr",
                    "https://x.fr/é?q=a*b",
                    " https://x.fr.",
                    "(www.x.fr)",
                ]
            ),
        ),
        max_size=4,
    ).map("".join)
)
@example("https://x.fr:::\r https://x.fr:::# https://a@b.fr !www.x.fr \\https://x.fr")
def test_escape_with_links_property(text: str) -> None:
    escaped = escape_with_links(text)
    doctree, warnings = parse_myst(escaped + "\n")
    assert warnings == ""
    if is_blank(text):
        assert escaped == ""
        return
    assert [type(c).__name__ for c in doctree.children] == ["paragraph"], doctree.pformat()
    assert node_types(doctree) <= {"document", "paragraph", "Text", "reference"}
    assert norm(doctree.astext()) == expected_text(text)
    # every link is one the text asked for, pointing where its text says
    shown = visible_controls(text)
    found = [shown[a:b] for a, b in find_urls(shown)]
    refs = list(doctree.findall(nodes.reference))
    assert len(refs) <= len(found)
    for ref in refs:
        assert ref.astext() in found
        assert ref["refuri"].startswith(("http://", "https://"))
        assert unquote(ref["refuri"]) == unquote(escape_url(ref.astext()) or "")


# --------------------------------------------------------------------------
# whole pages
# --------------------------------------------------------------------------

_PAGE_ALLOWED = {
    "document",
    "docinfo",
    "field",
    "field_name",
    "field_body",
    "date",
    "section",
    "title",
    "paragraph",
    "Text",
    "strong",
    "emphasis",
    "bullet_list",
    "enumerated_list",
    "list_item",
    "block_quote",
    "container",
    "definition_list",
    "definition_list_item",
    "term",
    "definition",
    "comment",
}


def _article(title: str, authors: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Article:
    kept = Occurrence("sources/a.txt", 3, 40)
    return Article(
        title=title,
        slug="page",
        body=(),
        kept=kept,
        occurrences=(kept, Occurrence("sources/b.txt", 1, 20)),
        date="2014-03-05",
        authors=authors,
        tags=tags,
        theme=ThemeChoice("droit", "Droit", 0.8, ("rgpd",), None, "auto"),
    )


@st.composite
def pages(draw: st.DrawFn) -> Page:
    """A page with every block type, all texts hostile (but without URLs)."""
    t = url_free_text
    article = _article(
        draw(t.filter(lambda s: not is_blank(s))),
        tuple(draw(st.lists(t, max_size=2))),
        tuple(draw(st.lists(t, max_size=2))),
    )
    items = tuple(draw(st.lists(t, max_size=3)))
    answer = draw(t)
    speaker = draw(st.sampled_from(["Marie", "M. *X*", "« Q »", "- R"]))
    blocks = (
        Heading(draw(t), 3),
        Paragraph(draw(t)),
        ListBlock(items),
        Paragraph(draw(st.sampled_from(["", " ", "x"]))),
        ListBlock(tuple(draw(st.lists(t, max_size=2)))),
        ListBlock(items, ordered=True, start=draw(st.integers(0, 20))),
        Quote(draw(t)),
        Question(draw(t)),
        Answer(answer, speaker),
        Answer(speaker + draw(st.sampled_from([" : ", "\u00a0: ", " – ", ""])) + answer, speaker),
        Answer(answer),
        Caption(draw(t)),
        Credit(draw(t)),
        Byline(draw(t)),
        Facts(tuple(draw(st.lists(st.tuples(t, t), max_size=3)))),
        Timetable(
            tuple(draw(st.lists(st.tuples(st.sampled_from(["7h50", "*", "- 9h"]), t), max_size=2)))
        ),
        Paragraph(draw(t)),
    )
    return Page(article, blocks)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", visible_controls(text))


def _body_text(doctree: nodes.document) -> str:
    parts = [n.astext() for n in doctree.findall(nodes.section) if n.parent is doctree]
    return "\n".join(parts)


@SETTINGS
@given(pages())
@example(Page(_article("*"), (Heading("*"), Heading("*", 3))))
@example(Page(_article("*"), (Credit("*\u2028="), Caption("a\u2029---"), Paragraph("b\u2028==="))))
@example(Page(_article("*"), (Answer("Marie_", "Marie"), Answer("Marie\u00a0:x", "Marie"))))
@example(Page(_article("*"), (Credit("---*"), Caption("---\n:class: x\n---"), Credit("-----"))))
@example(Page(_article("*"), (Facts((("*\u2028*", ":"), ("a\n:b", ""))), Answer("x", "M\u2028:"))))
def test_rendered_page_parses_as_plain_text(page: Page) -> None:
    text = render_page(page)
    doctree, warnings = parse_myst(text)
    assert warnings == ""
    # headings may repeat ("Duplicate implicit target name", an INFO message)
    for msg in list(doctree.findall(nodes.system_message)):
        assert msg["level"] == 1 and "Duplicate implicit target" in msg.astext()
        msg.parent.remove(msg)
    types = set().union(
        *(node_types(c) for c in doctree.children if not isinstance(c, nodes.docinfo))
    )
    assert types <= _PAGE_ALLOWED, (types - _PAGE_ALLOWED, text)
    (section,) = [c for c in doctree.children if isinstance(c, nodes.section)]
    assert norm(section[0].astext()) == expected_text(page.article.title)
    body = _body_text(doctree)
    for block in page.blocks:
        for value in vars(block).values():
            for item in value if isinstance(value, tuple) else (value,):
                for part in item if isinstance(item, tuple) else (item,):
                    if isinstance(part, str):
                        for word in _words(part):
                            assert word in body, (word, text)
    # structure: one element per non-blank block, no more
    questions = [b for b in page.blocks if isinstance(b, Question) and not is_blank(b.text)]
    speakers = [b for b in page.blocks if isinstance(b, Answer) and b.speaker]
    strong = list(doctree.findall(nodes.strong))
    assert len(strong) == len(questions) + len(speakers)
    for node, block in zip(strong, questions, strict=False):
        assert norm(node.astext()) == expected_text(block.text)
    captions = [b for b in page.blocks if isinstance(b, Caption | Credit) and not is_blank(b.text)]
    assert len(list(doctree.findall(nodes.container))) == len(captions)
    items = sum(
        len([i for i in b.items if not is_blank(i)])
        for b in page.blocks
        if isinstance(b, ListBlock)
    )
    assert len(list(doctree.findall(nodes.list_item))) == items
    lists = [b for b in page.blocks if isinstance(b, ListBlock) and not all(map(is_blank, b.items))]
    found = list(doctree.findall(nodes.bullet_list)) + list(doctree.findall(nodes.enumerated_list))
    assert len(found) == len(lists)  # two lists in a row stay two lists
    pairs = [
        pair
        for b in page.blocks
        if isinstance(b, Facts | Timetable)
        for pair in (b.pairs if isinstance(b, Facts) else b.entries)
        if not all(map(is_blank, pair))
    ]
    assert len(list(doctree.findall(nodes.definition_list_item))) == len(pairs)
