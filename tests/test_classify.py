"""Theme classification: small texts -> expected theme with reasons; the corpus judgement."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from handbook.common.errors import ConfigError
from handbook.convert.classify import classify_text
from handbook.data.themes import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
THEMES = load_taxonomy(ROOT)


@pytest.mark.parametrize(
    ("title", "body", "theme", "reason_word"),
    [
        (
            "Le RGPD expliqué aux communicants",
            "La CNIL contrôle les traitements de données personnelles.",
            "protection-des-donnees",
            "rgpd",
        ),
        # no accents, plurals: the matching folds accents and stems French words
        (
            "Proteger ses donnees personnelles",
            "Les cookies et les mots de passe des usagers.",
            "protection-des-donnees",
            "donnée",
        ),
        (
            "Gérer une crise après un attentat",
            "La cellule de crise du gouvernement prend la parole.",
            "communication-de-crise",
            "crise",
        ),
        (
            "Des médiateurs numériques dans les mairies",
            "Le Pass numérique finance l'accompagnement des publics éloignés.",
            "inclusion-numerique",
            "médiat",
        ),
        (
            "Fixer des objectifs SMART",
            "Des objectifs mesurables, atteignables et temporellement définis.",
            "strategie-smart",
            "smart",
        ),
    ],
)
def test_small_texts(title: str, body: str, theme: str, reason_word: str) -> None:
    choice = classify_text(title, body, THEMES)
    assert choice is not None and choice.id == theme
    assert choice.source == "auto"
    assert any(reason_word in reason.lower() for reason in choice.reasons), choice.reasons
    assert any("dans le titre" in reason for reason in choice.reasons)


def test_title_counts_more_than_body() -> None:
    body = "La cellule de crise a communiqué. " + "Les données personnelles sont protégées. "
    in_title = classify_text("Communication de crise", body, THEMES)
    other = classify_text("Données personnelles", body, THEMES)
    assert in_title is not None and in_title.id == "communication-de-crise"
    assert other is not None and other.id == "protection-des-donnees"


def test_no_keyword_means_no_theme() -> None:
    assert classify_text("Xyz", "Zzz qqq.", THEMES) is None


def test_deterministic_runner_up() -> None:
    first = classify_text("Réseaux sociaux et RGPD", "Stratégie, objectifs, CNIL.", THEMES)
    second = classify_text("Réseaux sociaux et RGPD", "Stratégie, objectifs, CNIL.", THEMES)
    assert first == second and first is not None and first.runner_up is not None


def test_bad_taxonomy_gives_french_error_with_line(tmp_path: Path) -> None:
    (tmp_path / "docs/_data").mkdir(parents=True)
    text = (ROOT / "docs/_data/themes.yaml").read_text("utf-8")
    broken = text.replace("weight: 3", "weight: trois", 1)
    (tmp_path / "docs/_data/themes.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_taxonomy(tmp_path)
    line = (
        broken.split("\n").index(next(row for row in broken.split("\n") if "weight: trois" in row))
        + 1
    )
    assert f"docs/_data/themes.yaml:{line}" in str(info.value)
    assert "nombre entier" in str(info.value)


def test_corpus_articles_land_where_a_reader_would_put_them() -> None:
    from handbook.convert.pipeline import default_sources, full_analysis

    expected = yaml.safe_load((ROOT / "tests/data/expected_themes.yaml").read_text("utf-8"))
    _analysis, plan, _ignored = full_analysis(default_sources(ROOT), ROOT)
    got = {a.slug: a.theme.id if a.theme else None for a in plan.articles}
    assert set(got) == set(expected)
    wrong = {
        slug: (got[slug], want) for slug, (want, _why) in expected.items() if got[slug] != want
    }
    assert wrong == {}
