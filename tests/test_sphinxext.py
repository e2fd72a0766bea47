"""Tests for handbook.site (theme pages, glossary, article navigation)
and handbook.data.glossary.

The Sphinx tests build tests/roots/sphinxext (copied under tmp_path, next to
copies of the real docs/conf.py, docs/docutils.conf and pyproject.toml) for
real, strictly (-W --keep-going -n), in a subprocess; nothing is mocked.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import (
        DOCS_DIR,
        PYPROJECT,
        build,
        describe,
        output_differences,
        output_files,
    )
except ImportError:  # tests/ became a package
    from tests.sphinx_util import (
        DOCS_DIR,
        PYPROJECT,
        build,
        describe,
        output_differences,
        output_files,
    )

from handbook.common.errors import ConfigError
from handbook.data.glossary import GlossaryEntry, load_glossary
from handbook.site.glossary_links import TermMatcher
from handbook.site.manifest import extract_lead

ROOT = Path(__file__).parent / "roots" / "sphinxext"
ARTICLES = sorted(p.stem for p in (ROOT / "articles").glob("*.md"))
THEMES = {
    "communication-de-crise": [
        "attentat-parler-ou-se-taire",
        "crise-sanitaire-hopital",
        "rumeurs-en-ligne",
    ],
    "inclusion-numerique": ["pass-numerique", "tiers-lieux-ruraux"],
    "protection-des-donnees": [],
    "sans-theme": ["journee-portes-ouvertes"],
}
THEME_OF = {slug: theme for theme, slugs in THEMES.items() for slug in slugs}


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def make_handbook(root: Path) -> Path:
    """Copy the test handbook under ``root``; return its docs directory."""
    docs = root / "docs"
    shutil.copytree(ROOT, docs, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy2(PYPROJECT, root / "pyproject.toml")
    shutil.copy2(DOCS_DIR / "conf.py", docs / "conf.py")
    shutil.copy2(DOCS_DIR / "docutils.conf", docs / "docutils.conf")
    return docs


def strict_build(docs: Path, out: Path, *extra: str) -> str:
    result = build(docs, out, extra)
    assert result.returncode == 0, describe(result)
    return result.stdout + result.stderr


def soup(out: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{page}.html").read_text("utf-8"), "html.parser")


def article_body(out: Path, page: str) -> BeautifulSoup:
    return soup(out, page).select_one("article.bd-article")


def hrefs(node) -> list[str]:
    return [a.get("href", "") for a in node.find_all("a")]


def term_links(body) -> dict[str, str]:
    """Glossary links of an article: text shown -> glossary anchor."""
    return {
        a.get_text(): a["href"]
        for a in body.find_all("a")
        if a["href"].startswith("../glossaire.html#term-")
    }


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test handbook, built once per session with -j 1: ``(docs, html)``
    (also used, read only, by test_tooltips)."""
    root = tmp_path_factory.mktemp("handbook")
    docs = make_handbook(root)
    strict_build(docs, root / "html-j1", "-j", "1")
    return docs, root / "html-j1"


# --------------------------------------------------------------------------
# full build
# --------------------------------------------------------------------------


@pytest.mark.sphinx
def test_generated_pages_exist_and_are_ignored_by_git(built: tuple[Path, Path]) -> None:
    docs, out = built
    for theme in THEMES:
        assert (docs / "themes" / f"{theme}.md").is_file()
        assert (out / "themes" / f"{theme}.html").is_file()
    assert (docs / "glossaire.md").read_text("utf-8").startswith("% Page générée")
    gitignore = (DOCS_DIR.parent / ".gitignore").read_text("utf-8")
    assert "/docs/themes/" in gitignore and "/docs/glossaire.md" in gitignore


@pytest.mark.sphinx
def test_theme_pages_list_their_articles_as_cards(built: tuple[Path, Path]) -> None:
    _docs, out = built
    for theme, slugs in THEMES.items():
        page = article_body(out, f"themes/{theme}")
        cards = page.select("div.handbook-article-card")
        linked = [h for card in cards for h in hrefs(card)]
        # newest first: the cards follow the order of THEMES (dates descending)
        assert linked == [f"../articles/{slug}.html" for slug in slugs], theme
        if not slugs:
            assert "Aucun article" in page.get_text()
    crise = article_body(out, "themes/communication-de-crise")
    text = crise.get_text(" ")
    assert "Objectifs d'apprentissage" in text and "Définir la communication de crise." in text
    # the lead is the article's first sentence, "M." is not a sentence end
    assert (
        "M. Dupont, porte-parole de la préfecture, l'affirme : les rumeurs vont plus vite" in text
    )
    assert "Il faut donc répondre vite." not in text
    assert "2 novembre 2020 · Paul Durand et Inès Petit" in text
    # exercise solution hidden in a dropdown titled « Solution »
    dropdown = crise.select_one("details.sd-dropdown")
    assert dropdown is not None and "Solution" in dropdown.select_one("summary").get_text()
    assert "Le silence laisse la place aux rumeurs" in dropdown.get_text()
    # « Pour aller plus loin »: links to the related themes
    assert "inclusion-numerique.html" in hrefs(crise) and "protection-des-donnees.html" in hrefs(
        crise
    )


@pytest.mark.sphinx
def test_themes_index_and_home_page_show_article_counts(built: tuple[Path, Path]) -> None:
    _docs, out = built
    for page, prefix in (("themes/index", ""), ("index", "themes/")):
        cards = article_body(out, page).select("div.handbook-theme-card")
        counts = {
            card.find("a")["href"]: card.select_one("div.sd-card-footer").get_text(strip=True)
            for card in cards
        }
        assert counts == {
            f"{prefix}communication-de-crise.html": "3 articles",
            f"{prefix}inclusion-numerique.html": "2 articles",
            f"{prefix}protection-des-donnees.html": "0 article",
            f"{prefix}sans-theme.html": "1 article",
        }, page


@pytest.mark.sphinx
def test_articles_have_theme_badge_metadata_and_related_links(built: tuple[Path, Path]) -> None:
    _docs, out = built
    for slug in ARTICLES:
        body = article_body(out, f"articles/{slug}")
        badge = body.select_one("div.handbook-article-meta a.sd-badge")
        assert badge is not None, slug
        assert badge["href"] == f"../themes/{THEME_OF[slug]}.html", slug
        related = body.select("section#articles-lies li a")
        assert len(related) >= 2, slug
        assert all(re.fullmatch(r"[a-z0-9-]+\.html", a["href"]) for a in related), slug
        assert f"{slug}.html" not in hrefs(body.select_one("section#articles-lies"))
        assert "Texte importé de" in body.select_one("p.handbook-provenance").get_text()
    # same theme first
    related = article_body(out, "articles/crise-sanitaire-hopital").select(
        "section#articles-lies li a"
    )
    assert {a["href"] for a in related[:2]} == {
        "rumeurs-en-ligne.html",
        "attentat-parler-ou-se-taire.html",
    }
    meta = article_body(out, "articles/tiers-lieux-ruraux").select_one("div.handbook-article-meta")
    assert "1er janvier 2019 · Par Camille Bernard et Hugo Leroy" in meta.get_text()
    # previous / next in the theme (newest first)
    middle = article_body(out, "articles/crise-sanitaire-hopital")
    assert hrefs(middle.select_one("p.handbook-previous")) == ["attentat-parler-ou-se-taire.html"]
    assert hrefs(middle.select_one("p.handbook-next")) == ["rumeurs-en-ligne.html"]


@pytest.mark.sphinx
def test_articles_have_one_previous_next_navigation_in_their_theme(
    built: tuple[Path, Path],
) -> None:
    _docs, out = built
    for slug in ARTICLES:
        page = soup(out, f"articles/{slug}")
        # the article's own navigation, and not the theme's footer too
        assert len(page.select("section.handbook-neighbours")) == 1, slug
        assert page.select(".prev-next-area") == [], slug
    # the first and the last article of a theme (newest first)
    first = article_body(out, "articles/attentat-parler-ou-se-taire")
    assert first.select_one("p.handbook-previous") is None
    assert hrefs(first.select_one("p.handbook-next")) == ["crise-sanitaire-hopital.html"]
    last = article_body(out, "articles/rumeurs-en-ligne")
    assert hrefs(last.select_one("p.handbook-previous")) == ["crise-sanitaire-hopital.html"]
    assert last.select_one("p.handbook-next") is None
    # alone in its theme: says so and leads back to the theme page
    alone = article_body(out, "articles/journee-portes-ouvertes").select_one(
        "section.handbook-neighbours"
    )
    assert alone.select("p.handbook-previous, p.handbook-next") == []
    assert alone.select_one("p.handbook-alone").get_text() == (
        "Aucun autre article dans ce thème. Retour à la page du thème : Articles sans thème."
    )
    assert hrefs(alone) == ["#precedent-suivant", "../themes/sans-theme.html"]
    # the other pages keep the theme's footer, their only previous/next links
    for page in ("index", "glossaire", "themes/index", "themes/communication-de-crise"):
        assert len(soup(out, page).select(".prev-next-area")) == 1, page
        assert soup(out, page).select("section.handbook-neighbours") == [], page


@pytest.mark.sphinx
def test_glossary_terms_are_linked_once_without_changing_the_words(
    built: tuple[Path, Path],
) -> None:
    _docs, out = built
    hopital = article_body(out, "articles/crise-sanitaire-hopital")
    # the longest term wins; the shorter one is linked where it stands alone
    assert term_links(hopital) == {
        "communication de crise": "../glossaire.html#term-communication-de-crise",
        "cellule de crise": "../glossaire.html#term-cellule-de-crise",
        "communication": "../glossaire.html#term-communication",
    }
    # never in a heading
    for heading in hopital.find_all(["h1", "h2"]):
        assert not [h for h in hrefs(heading) if "glossaire" in h], heading
    attentat = article_body(out, "articles/attentat-parler-ou-se-taire")
    links = term_links(attentat)
    # capitals and plural kept as written; the alias points to its entry
    assert links["Réseaux Sociaux"] == "../glossaire.html#term-reseau-social"
    assert links["gestion de crise"] == "../glossaire.html#term-communication-de-crise"
    # the existing link is left alone (no nested link, same text)
    external = attentat.find("a", href="https://www.example.org/reseaux")
    assert external.get_text() == "réseaux sociaux" and external.find("a") is None
    rumeurs = article_body(out, "articles/rumeurs-en-ligne")
    # not in inline code nor in a code block; the next plain occurrence is linked
    code = [c for c in rumeurs.find_all("code") if c.get_text() == "RGPD"]
    assert len(code) == 1 and code[0].find_parent("a") is None
    assert rumeurs.find("pre").find("a") is None
    assert term_links(rumeurs) == {
        "RGPD": "../glossaire.html#term-RGPD",
        "communication de crise": "../glossaire.html#term-communication-de-crise",
    }
    # accents ignored, plurals allowed
    assert "mediateur numerique" in term_links(article_body(out, "articles/tiers-lieux-ruraux"))
    assert "médiateurs numériques" in term_links(article_body(out, "articles/pass-numerique"))
    # the words of the article are unchanged
    paragraph = attentat.find("a", href="https://www.example.org/reseaux").find_parent("p")
    assert paragraph.get_text() == (
        "Les réseaux sociaux relaient l'information en temps réel. "
        "Mais Les Réseaux Sociaux diffusent aussi des rumeurs."
    )
    # nothing in what the extension added (theme badge « Communication de crise »)
    for slug in ARTICLES:
        body = article_body(out, f"articles/{slug}")
        for added in body.select(".handbook-added"):
            assert not [h for h in hrefs(added) if "glossaire" in h], slug


@pytest.mark.sphinx
def test_glossary_lists_the_articles_using_each_term(built: tuple[Path, Path]) -> None:
    _docs, out = built
    page = soup(out, "glossaire")
    used = {}
    for dd in page.select("dl.glossary dd"):
        term = dd.find_previous_sibling("dt")
        while (
            term.find_previous_sibling() is not None and term.find_previous_sibling().name == "dt"
        ):
            term = term.find_previous_sibling("dt")
        backlinks = dd.select_one("p.handbook-backlinks")
        used[term["id"]] = hrefs(backlinks) if backlinks else []
    assert used["term-cellule-de-crise"] == ["articles/crise-sanitaire-hopital.html"]
    assert used["term-communication-de-crise"] == [
        "articles/attentat-parler-ou-se-taire.html",
        "articles/crise-sanitaire-hopital.html",
        "articles/rumeurs-en-ligne.html",
    ]
    assert used["term-donnee-personnelle"] == ["articles/journee-portes-ouvertes.html"]
    assert "Utilisé dans : " in page.select_one("p.handbook-backlinks").get_text()
    # alias shown as a second term of the same entry
    assert page.select_one("dt#term-gestion-de-crise") is not None
    # every term has an index entry, every theme too
    index = (out / "genindex.html").read_text("utf-8")
    assert "glossaire.html#term-cellule-de-crise" in index
    assert "themes/inclusion-numerique.html#index-0" in index


@pytest.mark.sphinx
def test_parallel_build_writes_the_same_pages(built: tuple[Path, Path], tmp_path: Path) -> None:
    """-j 2 writes the same output as -j 1, byte for byte: every page (credits, glossary,
    404 included), the search index and weights... (the real handbook:
    tests/test_determinism.py), sitemap.xml included."""
    docs, out_j1 = built
    generated = {p: p.stat().st_mtime_ns for p in (docs / "themes").glob("*.md")}
    generated |= {p: p.stat().st_mtime_ns for p in docs.glob("*.md") if p.name != "index.md"}
    strict_build(docs, tmp_path / "html-j2", "-j", "2")
    # the generated pages were not rewritten (same content)
    assert {p: p.stat().st_mtime_ns for p in generated} == generated
    files = output_files(out_j1)
    for page in ("credits.html", "glossaire.html", "searchindex.js", "themes/index.html"):
        assert page in files, sorted(files)
    out_j2 = tmp_path / "html-j2"
    assert output_differences(out_j1, out_j2) == ""


@pytest.mark.sphinx
def test_incremental_build_updates_the_pages_showing_a_changed_title(tmp_path: Path) -> None:
    docs = make_handbook(tmp_path)
    out = tmp_path / "html"
    strict_build(docs, out, "-j", "1")
    changed = "tiers-lieux-ruraux"

    def showing(slugs: list[str]) -> set[str]:
        return {
            slug
            for slug in slugs
            if slug != changed and f"{changed}.html" in hrefs(article_body(out, f"articles/{slug}"))
        }

    shown_before = showing(ARTICLES)
    mtimes = {slug: (out / "articles" / f"{slug}.html").stat().st_mtime_ns for slug in ARTICLES}

    page = docs / "articles" / f"{changed}.md"
    old, new = "Des tiers-lieux dans les territoires ruraux", "Tiers-lieux, la campagne connectée"
    page.write_text(page.read_text("utf-8").replace(old, new), "utf-8")
    log = strict_build(docs, out, "-j", "1")

    shown_after = showing(ARTICLES)
    assert shown_after
    for slug in shown_after:
        assert new in article_body(out, f"articles/{slug}").get_text(), slug
    for html in out.rglob("*.html"):
        assert old not in html.read_text("utf-8"), html
    for page_name in ("themes/inclusion-numerique", "glossaire", "credits"):
        assert new in article_body(out, page_name).get_text(), page_name
    # the next page in the reading order shows the new title in its footer
    footer = soup(out, "themes/protection-des-donnees").select_one("a.left-prev")
    assert footer["href"] == "../articles/tiers-lieux-ruraux.html"
    assert new in footer.get_text()
    # only the page itself, its theme page, the credits page and the articles whose additions
    # changed (they showed the title before or show it now) are read again
    stale = shown_before | shown_after
    assert f"handbook : {len(stale)} article(s) à relire" in log
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", log)
    assert counts is not None and counts.groups() == ("0", str(3 + len(stale)), "0"), log
    untouched = set(ARTICLES) - stale - {changed}
    assert untouched  # the test handbook exercises both cases
    for slug in untouched:
        assert (out / "articles" / f"{slug}.html").stat().st_mtime_ns == mtimes[slug], slug

    # nothing changed: nothing is read again
    log = strict_build(docs, out, "-j", "1")
    assert "0 added, 0 changed, 0 removed" in log
    assert "à relire" not in log


@pytest.mark.sphinx
def test_unknown_theme_in_front_matter_is_a_handbook_warning(tmp_path: Path) -> None:
    docs = make_handbook(tmp_path)
    page = docs / "articles" / "pass-numerique.md"
    page.write_text(
        page.read_text("utf-8").replace("theme: inclusion-numerique", "theme: inclusion"), "utf-8"
    )
    result = build(docs, tmp_path / "html", ("-j", "1"))
    assert result.returncode != 0
    assert "pass-numerique.md:4" in result.stderr
    assert "thème inconnu « inclusion »" in result.stderr
    assert "[handbook.theme]" in result.stderr
    # the article is still reachable, from the « sans thème » page
    assert "../articles/pass-numerique" in (docs / "themes" / "sans-theme.md").read_text("utf-8")


@pytest.mark.sphinx
def test_invalid_glossary_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    docs = make_handbook(tmp_path)
    glossary = docs / "_data" / "glossary.yaml"
    text = glossary.read_text("utf-8")
    glossary.write_text(text.replace('["gestion de crise"]', '["Cellule de Crise"]'), "utf-8")
    result = build(docs, tmp_path / "html", ("-j", "1"))
    assert result.returncode != 0
    assert (
        "glossary.yaml:9: ERROR: le terme « Cellule de Crise » est en double : "
        "« cellule de crise » (ligne 2)"
    ) in result.stderr
    assert "[handbook.config]" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --------------------------------------------------------------------------
# glossary loading
# --------------------------------------------------------------------------


def write_glossary(root: Path, text: str) -> Path:
    data = root / "docs" / "_data"
    data.mkdir(parents=True)
    shutil.copy2(ROOT / "_data" / "themes.yaml", data / "themes.yaml")
    (data / "glossary.yaml").write_text(text, "utf-8")
    return root


def test_glossary_of_the_test_handbook_loads(tmp_path: Path) -> None:
    make_handbook(tmp_path)
    entries = load_glossary(tmp_path)
    assert [e.term for e in entries][:3] == [
        "cellule de crise",
        "communication",
        "communication de crise",
    ]
    assert entries[2].aliases == ("gestion de crise",)
    assert entries[2].see == ("cellule de crise",)


def test_duplicate_term_ignoring_accents_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = write_glossary(
        tmp_path,
        "terms:\n"
        '  - term: "donnée personnelle"\n'
        '    definition: "Information sur une personne."\n'
        '  - term: "média social"\n'
        '    aliases: ["Donnee Personnelle"]\n'
        '    definition: "Réseau social."\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_glossary(root)
    assert caught.value.line == 5
    assert caught.value.path == "docs/_data/glossary.yaml"
    assert "« Donnee Personnelle » est en double" in caught.value.message
    assert "(ligne 2)" in caught.value.message


@pytest.mark.parametrize(
    ("entries", "line", "message"),
    [
        (
            '  - term: "crise"\n    definition: "D."\n    see: ["tempête"]\n',
            4,
            "« tempête » n'est pas un terme du glossaire",
        ),
        (
            '  - term: "crise"\n    definition: "D."\n    theme: inexistant\n',
            4,
            "thème inconnu « inexistant »",
        ),
        (
            (
                '  - term: "donnée personnelle"\n    definition: "D."\n'
                '  - term: "données personnelles"\n    definition: "D."\n'
            ),
            4,
            "que par le pluriel",
        ),
        (
            '  - term: "veille"\n    definition: "D."\n  - term: "crise"\n    definition: "D."\n',
            4,
            "ordre alphabétique",
        ),
        ('  - term: "code `x`"\n    definition: "D."\n', 2, "caractère interdit"),
        ('  - term: "crise"\n    definitio: "D."\n', 2, "valeur invalide"),
    ],
)
def test_glossary_problems_are_reported_with_their_line(
    tmp_path: Path, entries: str, line: int, message: str
) -> None:
    root = write_glossary(tmp_path, "terms:\n" + entries)
    with pytest.raises(ConfigError) as caught:
        load_glossary(root)
    assert caught.value.line == line, caught.value
    assert message in caught.value.message


def test_an_entry_may_list_its_own_plural_as_alias(tmp_path: Path) -> None:
    root = write_glossary(
        tmp_path,
        'terms:\n  - term: "tiers-lieu"\n    aliases: ["tiers-lieux"]\n    definition: "D."\n',
    )
    (entry,) = load_glossary(root)
    assert entry.forms == ("tiers-lieu", "tiers-lieux")


def test_real_glossary_is_valid() -> None:
    entries = load_glossary(DOCS_DIR.parent)
    assert entries and all(isinstance(e, GlossaryEntry) for e in entries)


# --------------------------------------------------------------------------
# term matching and leads
# --------------------------------------------------------------------------


def _entry(term: str, *aliases: str) -> GlossaryEntry:
    return GlossaryEntry(term, aliases, "D.", (), "")


def test_term_matcher_prefers_longest_and_ignores_case_accents_plurals() -> None:
    matcher = TermMatcher(
        [
            _entry("communication"),
            _entry("communication de crise"),
            _entry("réseau social", "réseaux sociaux"),
        ]
    )
    text = "Une Communications de Crise via les RESEAUX SOCIAUX ; la communication."
    found = [(text[m.start : m.end], m.term) for m in matcher.find(text)]
    assert found == [
        ("Communications de Crise", "communication de crise"),
        ("RESEAUX SOCIAUX", "réseau social"),
        ("communication", "communication"),
    ]
    # words must follow each other: punctuation between them breaks the term
    assert [m.term for m in matcher.find("la communication. De crise")] == ["communication"]
    # apostrophes: typographic and straight are the same
    apostrophe = TermMatcher([_entry("liberté d'expression")])
    assert [m.term for m in apostrophe.find("la liberté d’expression")] == ["liberté d'expression"]
    # a term is a whole word (plural allowed), never part of a word
    text = "les crises, la crisette"
    assert [text[m.start : m.end] for m in TermMatcher([_entry("crise")]).find(text)] == ["crises"]


@pytest.mark.parametrize(
    ("body", "lead"),
    [
        ("# Titre\n\nPremière phrase. Deuxième phrase.\n", "Première phrase."),
        ("# T\n\nFaut-il parler ? Oui.\n", "Faut-il parler ?"),
        ("# T\n\nM. Dupont arrive. Puis part.\n", "M. Dupont arrive."),
        ("# T\n\n*Par Léa*\n\n- item. Un\n\n> citation. Deux\n\nTexte. Suite\n", "Texte."),
        ("# T\n\n:::{container} legende\nLégende. Deux\n:::\n\nTexte vrai. Suite\n", "Texte vrai."),
        ("# T\n\nPas de fin de phrase\n", "Pas de fin de phrase"),
        ("# T\n\nUne espace insécable suit.\u00a0Puis la suite.\n", "Une espace insécable suit."),
        # cutting inside a link or emphasis would break the markup: whole line
        (
            "# T\n\nVoir [le site. officiel](https://example.org) ici. Fin\n",
            "Voir [le site. officiel](https://example.org) ici. Fin",
        ),
        ("# T\n\nDu **gras. encore** ici. Fin\n", "Du **gras. encore** ici. Fin"),
        ("# T\n\nPremière ligne. Suite\ndeuxième ligne.\n", "Première ligne."),
        ("Terme\n: valeur. Deux\n\nTexte. Suite\n", "Texte."),
        ("# T\n", ""),
    ],
)
def test_lead_is_the_first_sentence_taken_unaltered(body: str, lead: str) -> None:
    assert extract_lead(body) == lead


def test_build_helper_uses_the_real_configuration() -> None:
    # the test handbook is built with the real conf.py, which enables the extension
    assert "handbook.site" in (DOCS_DIR / "conf.py").read_text("utf-8")
    assert os.fspath(ROOT).endswith(os.path.join("tests", "roots", "sphinxext"))


@pytest.mark.sphinx
def test_credits_page_lists_every_source_with_its_articles(built: tuple[Path, Path]) -> None:
    docs, out = built
    page = soup(out, "credits")
    text = page.get_text(" ")
    assert "Crédits et droits" in text
    assert "restent la propriété de leurs auteurs" in text
    links = {a["href"] for a in page.select("article.bd-article a[href]")}
    assert any("demande-d-un-auteur" in href for href in links)
    for slug in ARTICLES:
        if "\nsources: []" not in (docs / "articles" / f"{slug}.md").read_text("utf-8"):
            assert f"articles/{slug}.html" in links, slug
