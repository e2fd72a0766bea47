"""« À lire aussi »: an article that serves two themes almost equally is listed on
the second theme's page, and keeps a single page in its own theme."""

from __future__ import annotations

from pathlib import Path

from handbook.commands.check import check_page
from handbook.convert.classify import classify_text
from handbook.data.glossary import load_glossary
from handbook.data.themes import load_taxonomy
from handbook.site.manifest import build_manifest, read_article
from handbook.site.pages import theme_page

ROOT = Path(__file__).resolve().parent.parent
THEMES = load_taxonomy(ROOT)
GLOSSARY = load_glossary(ROOT, {t.id for t in THEMES})
IDS = {t.id for t in THEMES}


def test_a_text_serving_two_themes_gets_a_second_theme() -> None:
    torn = classify_text(
        "Médiateurs numériques et données personnelles",
        "Les médiateurs numériques et les aidants numériques manipulent les données "
        "personnelles des usagers : RGPD, CNIL, consentement.",
        THEMES,
        glossary=GLOSSARY,
    )
    assert torn is not None and torn.runner_up is not None
    assert torn.also == torn.runner_up[0] != torn.id
    clear = classify_text("Le RGPD et la CNIL", "RGPD, CNIL, données personnelles.", THEMES)
    assert clear is not None and clear.also is None


def _page(folder: Path, slug: str, title: str, theme: str, also: str | None = None) -> Path:
    extra = f"also_theme: {also}\n" if also else ""
    path = folder / f"{slug}.md"
    path.write_text(
        f"---\ntitle: {title}\nslug: {slug}\ntheme: {theme}\n{extra}date: null\n"
        f"authors: []\nsources: []\n---\n\n# {title}\n\nUn paragraphe.\n",
        encoding="utf-8",
    )
    return path


def test_the_second_theme_page_lists_the_article_without_a_second_page(tmp_path: Path) -> None:
    both = _page(
        tmp_path,
        "mediateurs-et-donnees",
        "Médiateurs et données",
        "inclusion-numerique",
        "protection-des-donnees",
    )
    only = _page(tmp_path, "le-rgpd", "Le RGPD", "protection-des-donnees")
    articles = [read_article(both, "articles/" + both.stem), read_article(only, "articles/le-rgpd")]
    manifest = build_manifest(articles, [t.data for t in THEMES], GLOSSARY)
    data = manifest.themes["protection-des-donnees"]
    assert data.articles == ["articles/le-rgpd"]
    assert data.also == ["articles/mediateurs-et-donnees"]
    assert manifest.themes["inclusion-numerique"].articles == ["articles/mediateurs-et-donnees"]
    page = theme_page(data, manifest, "themes", None)
    section = page.split("## À lire aussi", 1)[1].split("\n## ", 1)[0]
    assert "[Médiateurs et données](../articles/mediateurs-et-donnees.md)" in section
    assert "(thème : " in section
    toctree = page.split(":::{toctree}", 1)[1]
    assert "mediateurs-et-donnees" not in toctree  # one page, in its own theme only
    assert "## À lire aussi" not in theme_page(
        manifest.themes["inclusion-numerique"], manifest, "themes", None
    )


def test_check_accepts_a_known_second_theme_and_names_an_unknown_one(tmp_path: Path) -> None:
    good = _page(tmp_path, "bon", "Bon", "inclusion-numerique", "protection-des-donnees")
    problems, _slug = check_page(good, "docs/articles/bon.md", IDS)
    assert problems == []
    bad = _page(tmp_path, "mauvais", "Mauvais", "inclusion-numerique", "cuisine")
    problems, _slug = check_page(bad, "docs/articles/mauvais.md", IDS)
    assert any("« À lire aussi » inconnu « cuisine »" in p.format("text") for p in problems)
