"""Tests for handbook.site.descriptions (page descriptions without the additions)."""

from __future__ import annotations

from docutils import nodes
from handbook.site.descriptions import page_description
from handbook.site.glossary_links import ADDED_CLASS

ADDED = "Thème : Inclusion numérique. Texte importé de sources/a.txt (lignes 1 à 9)"


def _page(*paragraphs: str, added: str = ADDED) -> nodes.section:
    section = nodes.section()
    section += nodes.title(text="Titre de l'article")
    meta = nodes.container(classes=[ADDED_CLASS])
    meta += nodes.paragraph(text=added)
    section += meta
    for text in paragraphs:
        section += nodes.paragraph(text=text)
    note = nodes.note()
    note += nodes.paragraph(text="Une remarque")
    section += note
    return section


def test_description_skips_title_additions_and_admonitions() -> None:
    page = _page("Premier   paragraphe.", "Second paragraphe.")
    assert page_description(page) == "Premier paragraphe. Second paragraphe."


def test_long_description_is_cut_at_a_word() -> None:
    page = _page("mot " * 100)
    description = page_description(page, length=50)
    assert description.endswith("mot…")
    assert len(description) <= 50


def test_page_without_text() -> None:
    assert page_description(_page()) == ""
