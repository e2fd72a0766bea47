"""Theme classification: small texts -> expected theme with reasons; learning from
placed articles; confidence; determinism; the corpus judgement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from handbook.common.errors import ConfigError
from handbook.convert.classify import (
    NO_CLUE_REASON,
    Example,
    Text,
    classify_articles,
    classify_text,
)
from handbook.convert.model import Article, Line, Occurrence
from handbook.data.glossary import load_glossary
from handbook.data.themes import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
THEMES = load_taxonomy(ROOT)
GLOSSARY = load_glossary(ROOT, {t.id for t in THEMES})


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
            "donn",
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


def test_a_text_without_any_clue_still_gets_a_theme_flagged_unsure() -> None:
    choice = classify_text("Xyz", "Zzz qqq.", THEMES)
    assert choice is not None and choice.id == THEMES[0].id
    assert choice.confidence == 0.0
    assert choice.reasons == (NO_CLUE_REASON,)


def test_no_theme_only_without_a_taxonomy() -> None:
    assert classify_text("Le RGPD", "La CNIL.", ()) is None


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


# -- phrases, confidence -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # the Cap'Com article that went to « territoires » under the keyword scorer
        (
            "Coronavirus : communication publique de crise",
            "La communication de la commune auprès des habitants a changé : chaque jour, "
            "la communication publique informe la population.",
        ),
        # the generic phrase said three times, the precise one twice
        (
            "Communication publique et communication de crise",
            "La communication publique informe, la communication publique accompagne. "
            "En cas de crise, la communication de crise prend le relais.",
        ),
    ],
)
def test_a_precise_phrase_beats_generic_words(title: str, body: str) -> None:
    choice = classify_text(title, body, THEMES, glossary=GLOSSARY)
    assert choice is not None and choice.id == "communication-de-crise", choice
    assert choice.runner_up is not None
    assert "crise" in choice.reasons[0]


def test_confidence_is_higher_when_the_winner_clearly_beats_the_runner_up() -> None:
    clear = classify_text(
        "Le RGPD et la CNIL",
        "Protection des données personnelles, consentement, CNIL, RGPD.",
        THEMES,
    )
    torn = classify_text(
        "Le RGPD au service des médiateurs numériques",
        "Les médiateurs numériques accompagnent les publics éloignés ; la CNIL rappelle le RGPD.",
        THEMES,
    )
    assert clear is not None and torn is not None
    assert 0.0 <= torn.confidence < clear.confidence <= 1.0
    assert clear.runner_up is not None and torn.runner_up is not None
    # the confidence follows the margin between the two best scores
    assert clear.confidence == pytest.approx(1 - clear.runner_up[1] / clear.score, abs=0.01)


# -- learning from placed articles ------------------------------------------------

PODCAST_TITLE = "Un podcast enregistré par les lycéens du quartier"
PODCAST_BODY = (
    "Chaque mois, des lycéens enregistrent un podcast sur la vie du quartier avec "
    "l'animateur du centre social. Les épisodes sont diffusés sur la radio associative."
)
PLACED_TITLE = "Des lycéens au micro du centre social"
PLACED_BODY = (
    "Les lycéens du quartier enregistrent chaque mois un podcast avec le centre social, "
    "diffusé sur la radio associative."
)


def _article(slug: str, title: str, body: str) -> Article:
    lines = tuple(Line(number, text) for number, text in enumerate(body.split("\n"), start=2))
    occurrence = Occurrence("sources/x.txt", 1, len(lines) + 1)
    return Article(title, slug, lines, occurrence, (occurrence,))


def _other_theme(theme_id: str) -> str:
    return next(t.id for t in THEMES if t.id != theme_id)


def test_a_hand_placed_article_teaches_the_next_classification() -> None:
    before = classify_text(PODCAST_TITLE, PODCAST_BODY, THEMES, glossary=GLOSSARY)
    assert before is not None
    target = _other_theme(before.id)
    placed = Example(
        "lyceens-au-micro", PLACED_TITLE, Text(PLACED_TITLE, (), PLACED_BODY), target, True
    )
    after = classify_text(PODCAST_TITLE, PODCAST_BODY, THEMES, glossary=GLOSSARY, examples=[placed])
    assert after is not None and after.id == target
    # the reasons, in French, name the nearest placed article
    assert f"proche de l'article « {PLACED_TITLE} » (placé à la main" in " ".join(after.reasons)


def test_a_correction_changes_the_theme_of_a_similar_article_in_the_same_import() -> None:
    articles = [
        _article("lyceens-au-micro", PLACED_TITLE, PLACED_BODY),
        _article("podcast-du-quartier", PODCAST_TITLE, PODCAST_BODY),
    ]
    alone = classify_articles(articles, THEMES, {}, {}, glossary=GLOSSARY)
    first = alone[1].theme
    assert first is not None and first.source == "auto"
    target = _other_theme(first.id)
    corrected = classify_articles(
        articles, THEMES, {"lyceens-au-micro": target}, {}, glossary=GLOSSARY
    )
    assert corrected[0].theme is not None and corrected[0].theme.source == "manual"
    second = corrected[1].theme
    assert second is not None and second.source == "auto" and second.id == target
    assert any(f"« {PLACED_TITLE} » (placé à la main" in reason for reason in second.reasons), (
        second.reasons
    )


def test_a_page_placed_by_hand_outside_the_import_teaches_it_too() -> None:
    article = _article("podcast-du-quartier", PODCAST_TITLE, PODCAST_BODY)
    (alone,) = classify_articles([article], THEMES, {}, {}, glossary=GLOSSARY)
    assert alone.theme is not None
    target = _other_theme(alone.theme.id)
    page = Example(
        "lyceens-au-micro", PLACED_TITLE, Text(PLACED_TITLE, (), PLACED_BODY), target, True
    )
    (taught,) = classify_articles([article], THEMES, {}, {}, glossary=GLOSSARY, placed=[page])
    assert taught.theme is not None and taught.theme.id == target


def test_every_article_gets_a_theme() -> None:
    articles = [
        _article("rien", "Xyz", "Zzz qqq."),
        _article("rgpd", "Le RGPD", "La CNIL contrôle les données personnelles."),
        _article("vide", "—", ""),
    ]
    for article in classify_articles(articles, THEMES, {}, {}, glossary=GLOSSARY):
        assert article.theme is not None, article.slug
        assert 0.0 <= article.theme.confidence <= 1.0


# -- determinism -----------------------------------------------------------------

_SCRIPT = """
import json, sys
from pathlib import Path
from handbook.convert.classify import Example, Text, classify_articles
from handbook.convert.model import Article, Line, Occurrence
from handbook.data.glossary import load_glossary
from handbook.data.themes import load_taxonomy
root = Path(sys.argv[1])
themes = load_taxonomy(root)
glossary = load_glossary(root, {t.id for t in themes})
texts = json.loads(sys.argv[2])
articles = []
for slug, title, body in texts:
    lines = tuple(Line(n, t) for n, t in enumerate(body.split("\\n"), start=2))
    occ = Occurrence("sources/x.txt", 1, len(lines) + 1)
    articles.append(Article(title, slug, lines, occ, (occ,)))
placed = [Example("p", "Un article placé", Text("Un article placé", (), texts[0][2]), themes[1].id, True)]
for a in classify_articles(articles, themes, {}, {}, glossary=glossary, placed=placed):
    print(repr(a.theme))
"""


def test_the_same_choices_byte_for_byte_in_two_processes() -> None:
    texts = [
        ["podcast", PODCAST_TITLE, PODCAST_BODY],
        ["crise", "Coronavirus : communication publique de crise", "La cellule de crise."],
        ["torn", "Le RGPD des médiateurs numériques", "Médiation numérique et CNIL."],
    ]
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(ROOT), json.dumps(texts)],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(result.stdout)
    assert outputs[0].count(b"ThemeChoice(") == 3
    assert outputs[0] == outputs[1]
