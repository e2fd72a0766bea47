"""Glossary tooltips (handbook.site.tooltips) in real builds of the test handbook.

The test handbook (tests/roots/sphinxext) is built strictly, for real; the
expected tooltips are written by hand from its glossary
(tests/roots/sphinxext/_data/glossary.yaml). The behaviour in a browser
(hover, focus, tap, Escape) is tested by tests/browser/test_tooltips_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# ``built``: the test handbook's session-wide build, shared with test_sphinxext
try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from test_sphinxext import article_body, built, make_handbook, soup, strict_build
except ImportError:  # tests/ became a package
    from tests.test_sphinxext import (  # noqa: F401
        article_body,
        built,
        make_handbook,
        soup,
        strict_build,
    )

from handbook.site.lead import first_sentence
from handbook.site.search import SearchFrenchFolded

#: the test glossary's definitions, by hand ("term : first sentence")
CRISIS = (
    "communication de crise : Communication d'une organisation confrontée à un événement grave."
)
CELL = "cellule de crise : Équipe réunie pour piloter la réponse à une crise."
COMMUNICATION = "communication : Ensemble des actions qui transmettent un message à un public."
RGPD = "RGPD : Règlement européen de 2016 qui encadre le traitement des données personnelles."


def tooltips(page: BeautifulSoup) -> dict[str, str]:
    """Text of each glossary link -> text of the tooltip it names (aria-describedby)."""
    found = {}
    for link in page.select("a.handbook-tip-link"):
        tip = page.find(id=link["aria-describedby"])
        assert tip is not None, link
        assert tip.get("role") == "tooltip" and tip.has_attr("hidden"), tip
        found[link.get_text()] = tip.get_text()
    return found


@pytest.mark.sphinx
def test_glossary_links_are_described_by_their_definition(built: tuple[Path, Path]) -> None:
    _docs, out = built
    page = soup(out, "articles/crise-sanitaire-hopital")
    assert tooltips(page) == {
        "communication de crise": CRISIS,
        "cellule de crise": CELL,
        "communication": COMMUNICATION,
    }
    # one tooltip per entry the page links to, and no other, after the text
    tips = page.select("article.bd-article div.handbook-tips > span.handbook-tip")
    assert [tip.get_text() for tip in tips] == [CRISIS, CELL, COMMUNICATION]
    assert page.select("p span.handbook-tip") == []
    # an alias shows its entry's definition; words of the article unchanged
    assert tooltips(soup(out, "articles/attentat-parler-ou-se-taire"))["gestion de crise"] == CRISIS
    # the script and style sheet come with the page
    head = [tag.get("src") or tag.get("href") for tag in page.select("script, link")]
    assert "../_static/handbook-tooltips.js" in [re.sub(r"\?.*", "", h or "") for h in head]
    assert "../_static/handbook-tooltips.css" in [re.sub(r"\?.*", "", h or "") for h in head]


@pytest.mark.sphinx
def test_term_role_links_have_tooltips_too(built: tuple[Path, Path]) -> None:
    _docs, out = built
    # « Notions du glossaire » of a theme page: {term} links
    theme = tooltips(soup(out, "themes/protection-des-donnees"))
    assert theme == {
        "donnée personnelle": (
            "donnée personnelle : Information qui se rapporte à une personne identifiée "
            "ou identifiable."
        ),
        "RGPD": RGPD,
    }
    # « Voir aussi » of the glossary itself (links within the page)
    glossary = soup(out, "glossaire")
    assert tooltips(glossary)["RGPD"] == RGPD
    assert all(a["href"].startswith("#term-") for a in glossary.select("a.handbook-tip-link"))


@pytest.mark.sphinx
def test_pages_without_glossary_links_get_neither_tooltips_nor_script(
    built: tuple[Path, Path],
) -> None:
    _docs, out = built
    for name in ("index", "themes/index", "credits", "search", "genindex"):
        text = (out / f"{name}.html").read_text("utf-8")
        assert "handbook-tip" not in text and "handbook-tooltips" not in text, name
    # but the files are there for the pages that use them
    assert (out / "_static" / "handbook-tooltips.js").is_file()
    assert (out / "_static" / "handbook-tooltips.css").is_file()


@pytest.mark.sphinx
def test_definitions_stay_out_of_search_and_descriptions(built: tuple[Path, Path]) -> None:
    """A definition is not the page's own text: not indexed, not in its description."""
    _docs, out = built
    page = soup(out, "articles/crise-sanitaire-hopital")
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert "Équipe réunie" not in description and "Ensemble des actions" not in description
    index = (out / "searchindex.js").read_text("utf-8")
    terms = json.loads(re.search(r'"terms":(\{.*?\})', index).group(1))
    docnames = json.loads(re.search(r'"docnames":(\[.*?\])', index).group(1))
    # « transmettent » is only in a definition (of « communication », linked from
    # articles): only the glossary page has it
    pages = terms[SearchFrenchFolded({}).stem("transmettent")]
    pages = [pages] if isinstance(pages, int) else pages
    assert [docnames[i] for i in pages] == ["glossaire"]


@pytest.mark.sphinx
def test_a_changed_definition_rewrites_the_pages_linking_to_it(tmp_path: Path) -> None:
    docs = make_handbook(tmp_path)
    out = tmp_path / "html"
    strict_build(docs, out, "-j", "1")
    linking = [
        "articles/attentat-parler-ou-se-taire",
        "articles/crise-sanitaire-hopital",
        "articles/rumeurs-en-ligne",
        "themes/communication-de-crise",
        "glossaire",
    ]
    # (not the home page nor the themes index: Sphinx writes them again as the
    # parent and the previous page of the glossary, which was read again)
    others = [
        "articles/pass-numerique",
        "articles/tiers-lieux-ruraux",
        "articles/journee-portes-ouvertes",
        "themes/inclusion-numerique",
        "themes/protection-des-donnees",
        "credits",
    ]
    mtimes = {name: (out / f"{name}.html").stat().st_mtime_ns for name in others}

    glossary = docs / "_data" / "glossary.yaml"
    old = "Communication d'une organisation confrontée à un événement grave."
    new = "Communication d'une organisation face à un événement grave. Elle se prépare avant."
    glossary.write_text(glossary.read_text("utf-8").replace(old, new), "utf-8")
    strict_build(docs, out, "-j", "1")

    shown = "communication de crise : Communication d'une organisation face à un événement grave."
    for name in linking:
        texts = [tip.get_text() for tip in soup(out, name).select("span.handbook-tip")]
        assert shown in texts, (name, texts)
        assert CRISIS not in texts, name
    for name in others:
        assert (out / f"{name}.html").stat().st_mtime_ns == mtimes[name], name


@pytest.mark.sphinx
def test_articles_keep_their_words_around_the_links(built: tuple[Path, Path]) -> None:
    """The visible text of a paragraph holding a glossary link is the article's own."""
    _docs, out = built
    body = article_body(out, "articles/crise-sanitaire-hopital")
    paragraph = body.find("a", class_="handbook-tip-link").find_parent("p")
    assert paragraph.get_text() == (
        "La communication de crise commence avant la crise. "
        "Un hôpital qui a préparé ses messages gagne des heures précieuses."
    )


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("Une phrase. Une autre.", "Une phrase."),
        ("Une seule phrase", "Une seule phrase"),
        ("Une seule phrase.", "Une seule phrase."),
        # spaces collapsed, line breaks included (YAML folded text)
        ("Sur deux\n  lignes. Puis  une autre.", "Sur deux lignes."),
        # abbreviations and initials are not sentence ends
        ("Selon M. Dupont, c'est utile. Fin.", "Selon M. Dupont, c'est utile."),
        ("Des outils (logiciels, etc.) partagés. Fin.", "Des outils (logiciels, etc.) partagés."),
        ("Un sigle, p. ex. RGPD, puis la suite ! Fin.", "Un sigle, p. ex. RGPD, puis la suite !"),
        # closing punctuation stays with its sentence
        ("Il dit « c'est fini. » Puis il part.", "Il dit « c'est fini. »"),
        ("Liste (vue, ouïe…). Suite.", "Liste (vue, ouïe…)."),
        ("Vraiment ? Oui.", "Vraiment ?"),
        ("", ""),
    ],
)
def test_first_sentence_of_a_definition(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence
