"""Glossary auto-links: right or absent (issue #18).

One hand-written sentence per kind of link that must not be made (inside a
proper name, another word form, another sense), and the links that must
still be made; then the real corpus against its hand-judged sample
(``tests/data/glossary_links.tsv``), and ``handbook links``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from handbook.commands.links import page_uses
from handbook.common.errors import ConfigError
from handbook.data.annotations import read_link_judgements
from handbook.data.glossary import GlossaryEntry, load_glossary
from handbook.data.names import ProperNames, load_proper_names
from handbook.site.glossary_links import TermMatcher

ROOT = Path(__file__).resolve().parent.parent
HANDBOOK = ROOT / ".venv" / "bin" / "handbook"
SAMPLE = ROOT / "tests" / "data" / "glossary_links.tsv"


def _entry(term: str, *aliases: str, **contexts: tuple[str, ...]) -> GlossaryEntry:
    return GlossaryEntry(term, aliases, "D.", (), "", **contexts)


GLOSSARY = [
    _entry("communication publique", "com publique"),
    _entry("médiation numérique"),
    _entry("cible", near=("communication", "public", "message")),
    _entry("engagement", skip_in=("ses engagements",)),
    _entry("fab lab"),
    _entry("service civique"),
    _entry("marque", link_in=("image de marque",)),
    _entry("accessibilité numérique"),
    _entry("Campus connecté"),
]
NAMES = ProperNames(names=("charte pour une médiation numérique",), heads=("licence",))


def linked(text: str) -> list[str]:
    matcher = TermMatcher(GLOSSARY, NAMES)
    return [text[m.start : m.end] for m in matcher.find(text, text)]


def rules(text: str) -> list[tuple[str, str]]:
    matcher = TermMatcher(GLOSSARY, NAMES)
    return [(text[m.start : m.end], m.rule) for m in matcher.candidates(text, text)]


@pytest.mark.parametrize(
    ("text", "words", "rule"),
    [
        # a run of capitalised words is a name (a diploma, an institution…)
        (
            "Elle obtient la Licence Professionnelle Communication Publique et Outils Numériques.",
            "Communication Publique",
            "capitals",
        ),
        ("Suite au rapport de la Mission Fab Lab, le réseau grandit.", "Fab Lab", "capitals"),
        # a lower-case term completing a capitalised head: « l'Agence du … »
        ("L'étude est commandée par l'Agence du service civique.", "service civique", "capitals"),
        (
            "Les Rencontres nationales de la communication publique ont lieu à Nancy.",
            "communication publique",
            "capitals",
        ),
        # names listed by instructors, written in lower case
        (
            "Les communes ont signé la charte pour une médiation numérique.",
            "médiation numérique",
            "name-list",
        ),
        # a term right after a name's head word (« licence … »)
        ("La licence communication publique recrute.", "communication publique", "name-list"),
        # a short capitalised text in « » is a title (a work, an event, a call)
        (
            "Conférence : « L'accessibilité numérique, une obligation oubliée ? »",
            "accessibilité numérique",
            "title",
        ),
        # another word form: accents differ (a participle is not the noun)
        ("Un contrôle dans un quartier ciblé suffit.", "ciblé", "other-word"),
        # a conjugated verb after a subject pronoun
        ("La mairie dit qu'elle cible les jeunes avec un message clair.", "cible", "verb"),
        # another sense: a phrase the glossary lists
        ("Le cabinet présente ses valeurs et ses engagements.", "engagements", "skip-in"),
        # another sense: none of the defined sense's words in the paragraph
        ("Les collectivités sont des cibles de choix pour les pirates.", "cibles", "near"),
    ],
)
def test_links_that_must_not_be_made(text: str, words: str, rule: str) -> None:
    assert words not in linked(text)
    assert (words, rule) in rules(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a term capitalised by habit, standing alone, is the common noun
        ("Les Fab Labs sont des lieux de fabrication partagée.", "Fab Labs"),
        ("À Rennes, le premier Fab Lab tenait dans 8 m².", "Fab Lab"),
        # a sentence's first word takes a capital
        ("Communication publique : les bases du métier.", "Communication publique"),
        # « licence en … » describes the field: the link stays
        (
            "Une licence en communication publique forme des chargés de com.",
            "communication publique",
        ),
        # the defined sense is there (a word of « near » in the paragraph)
        ("Chaque message doit toucher sa cible principale.", "cible"),
        # written without accents, as some authors type
        ("La mediation numerique aide les habitants.", "mediation numerique"),
        # a term that is itself a name is linked when it names that thing
        ("Treize lieux labellisés Campus Connecté ouvrent.", "Campus Connecté"),
        # an expression where the term must be linked, whatever the rules say
        ("Une Image De Marque forte.", "Marque"),
        # a quotation (long, in « ») is not a title
        (
            "Elle dit : « La communication publique doit rendre des comptes à chaque habitant "
            "du territoire, chaque jour. »",
            "communication publique",
        ),
    ],
)
def test_links_that_must_be_made(text: str, words: str) -> None:
    assert words in linked(text)


def test_first_linkable_occurrence_is_the_one_linked() -> None:
    text = "La Mission Fab Lab ouvre ; un fab lab de quartier suivra."
    assert linked(text) == ["fab lab"]


# --------------------------------------------------------------------------
# instructors' data: contexts and names are checked
# --------------------------------------------------------------------------


def _glossary(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "docs" / "_data"
    folder.mkdir(parents=True)
    (folder / "glossary.yaml").write_text("terms:\n" + body, "utf-8")
    return tmp_path


def test_a_context_without_its_term_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = _glossary(
        tmp_path,
        '  - term: "engagement"\n    definition: "D."\n    skip_in:\n'
        '      - "ses engagements"\n      - "ses promesses"\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_glossary(root)
    assert caught.value.line == 6
    assert "« ses promesses » ne contient ni le terme" in caught.value.message


def test_a_bad_names_file_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "_data"
    folder.mkdir(parents=True)
    (folder / "proper-names.yaml").write_text("names:\n  - 12\n", "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_proper_names(tmp_path)
    assert "proper-names.yaml" in str(caught.value)
    assert caught.value.line == 2


def test_real_names_file_is_valid() -> None:
    names = load_proper_names(ROOT)
    assert names.names and names.heads


# --------------------------------------------------------------------------
# the real corpus against its hand-judged sample
# --------------------------------------------------------------------------


def _judged() -> dict[tuple[str, str, str, str], list[str]]:
    found: dict[tuple[str, str, str, str], list[str]] = {}
    for row in read_link_judgements(SAMPLE):
        if row["group"] == "corpus":
            key = (row["page"], row["term"], row["words"], row["sentence"])
            found.setdefault(key, []).append(row["verdict"])
    return found


def test_no_link_of_the_real_corpus_is_judged_wrong() -> None:
    """Every automatic link of the handbook's articles is in the judged sample and
    judged right: none falls inside a proper name, in another sense or on
    another word. A new link (a new article) must be judged in the sample."""
    judged = _judged()
    seen: dict[tuple[str, str, str, str], int] = {}
    problems = []
    for item in page_uses(ROOT):
        key = (item.page, item.use.term, item.use.words, item.use.sentence)
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        if not item.use.linked:
            continue
        verdicts = judged.get(key, [])
        verdict = verdicts[rank] if rank < len(verdicts) else "non jugé"
        if verdict != "ok":
            problems.append(f"{item.page}: « {item.use.words} » → {item.use.term} ({verdict})")
    assert not problems, "\n".join(problems)


def test_handbook_links_lists_links_with_their_sentence() -> None:
    done = subprocess.run(
        [str(HANDBOOK), "links", "--all", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    records = json.loads(done.stdout)
    assert records and {"page", "term", "words", "sentence", "linked", "rule"} <= set(records[0])
    for record in records:
        assert record["words"].casefold() in record["sentence"].casefold() or record["rule"]
        assert record["linked"] == (record["rule"] is None)
    rejected = {r["rule"] for r in records if not r["linked"]}
    assert "repeat" in rejected  # a term is linked once per page
    text = subprocess.run(
        [str(HANDBOOK), "links"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert text.startswith(f"{sum(r['linked'] for r in records)} lien(s) automatique(s)")


def test_handbook_links_on_a_missing_page_is_a_french_error() -> None:
    done = subprocess.run(
        [str(HANDBOOK), "links", "docs/articles/absente.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "docs/articles/absente.md : page introuvable." in done.stderr
    assert "Traceback" not in done.stderr
