"""``handbook review``: the doubtful decisions, and the corrections that fix them.

Each fixture of ``tests/fixtures/review/`` is a small hand-written dump on
which the shipped line-role model and converter make one wrong decision of
a kind, and list it in the review (issue #17):

* ``role-legende.txt``       role: a photo caption (« De gauche à droite… »,
  line 7) taken for a photo credit;
* ``chrome-imprimer.txt``    chrome: the site's « Imprimer » button (line 17)
  kept in the article as a level-2 heading;
* ``titre-manque.txt``       title: the title of a second article (line 9)
  taken for a heading, so two articles share one page;
* ``titre-legende.txt``      title: a photo caption (line 7) taken for the
  title of a new article, which cuts an article in two;
* ``titre-ecarte.txt``       title: the first line of the dump, the first
  article's title (line 1), dropped as site chrome;
* ``debut-de-trop.txt``      boundary: a paragraph under a heading (line 19)
  taken for the start of a new, untitled article;
* ``doublon-deux-mairies.txt`` duplicate: the announcement for a second town
  (line 11) taken for a copy of the first town's and left out;
* ``theme-portrait.txt``     theme: the portrait of a former student, filed
  under « protection des données » (the field she works in) instead of
  « métiers et portraits », the classifier's runner-up.

Each test runs the loop an instructor runs, in a copy of the handbook that
holds only its fixture: ``handbook import``, ``handbook review --format
json``, the item's ``correction`` pasted at the end of
``sources/corrections.yaml``, ``handbook import`` again. The expected pages
are written by hand from what the text is, never from the tool's output.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import jsonschema
import yaml

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import REPO_ROOT, copy_inputs, run_handbook
except ImportError:  # tests/ became a package
    from tests.sphinx_util import REPO_ROOT, copy_inputs, run_handbook

FIXTURES = REPO_ROOT / "tests/fixtures/review"
SCHEMA = REPO_ROOT / "tools/handbook/data/schemas/corrections.schema.json"
REVIEW_KEYS = {
    "kind": str,
    "file": str,
    "line": int,
    "text": str,
    "decision": str,
    "alternative": str,
    "confidence": float,
    "why": str,
    "correction": str,
    "article": (str, type(None)),
    "article_title": (str, type(None)),
}
KINDS = {"boundary", "title", "role", "chrome", "duplicate", "theme"}
#: a corrections file with every section empty (as the repository ships it)
EMPTY_CORRECTIONS = """\
# Corrections des enseignants, appliquées à chaque `make import`.

role: []
title: []
split: []
merge: []
chrome: []
distinct: []
ignore: []
retitle: {}
theme: {}
"""


# -- helpers -------------------------------------------------------------------


def _repo(tmp_path: Path, *fixtures: str, corrections: str = EMPTY_CORRECTIONS) -> Path:
    """A copy of the handbook's inputs whose only dumps are ``fixtures``."""
    repo = copy_inputs(tmp_path / "repo", sources=False)
    for name in fixtures:
        shutil.copy2(FIXTURES / name, repo / "sources" / name)
    (repo / "sources/corrections.yaml").write_text(corrections, "utf-8")
    return repo


def _run(repo: Path, *args: str) -> str:
    result = run_handbook(*args, cwd=repo)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _review(repo: Path) -> list[dict]:
    return json.loads(_run(repo, "review", "--format", "json"))


def _item(items: list[dict], kind: str, file: str, line: int) -> dict:
    found = [i for i in items if (i["kind"], i["file"], i["line"]) == (kind, file, line)]
    listed = [(i["kind"], i["line"], i["text"]) for i in items]
    assert len(found) == 1, f"no {kind} item at {file}:{line} in {listed}"
    return found[0]


def _paste(repo: Path, correction: str) -> None:
    """Append a review item's correction to the corrections file, as is."""
    path = repo / "sources/corrections.yaml"
    text = path.read_text("utf-8")
    path.write_text(text + correction, "utf-8")


def _pages(repo: Path) -> dict[str, str]:
    """The article pages, by slug."""
    return {p.stem: p.read_text("utf-8") for p in sorted((repo / "docs/articles").glob("*.md"))}


def _front_matter(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


def _body(page: str) -> str:
    return page.split("---\n", 2)[2]


def _snapshot(repo: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(repo).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((repo / "docs").rglob("*.md"))
    }


def _correct(repo: Path, kind: str, file: str, line: int) -> dict:
    """The loop: import, review, paste the item's correction, import again.

    Returns the item. Afterwards the review no longer lists it.
    """
    _run(repo, "import")
    item = _item(_review(repo), kind, file, line)
    _paste(repo, item["correction"])
    _run(repo, "import")
    after = _review(repo)
    assert not [i for i in after if (i["file"], i["line"]) == (file, line)], after
    return item


def _assert_reimport_changes_nothing(repo: Path) -> None:
    before = _snapshot(repo)
    time.sleep(0.05)  # a rewrite would get another mtime
    summary = _run(repo, "import")
    assert summary.startswith("0 créée(s), 0 mise(s) à jour, 0 supprimée(s), "), summary
    assert _snapshot(repo) == before


# -- one fixture per kind of decision ------------------------------------------------


def test_role_a_caption_taken_for_a_credit(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "role-legende.txt")
    caption = "De gauche à droite : Léa, Hugo et Mme Durand"
    item = _correct(repo, "role", "sources/role-legende.txt", 7)
    assert item["text"] == caption
    assert item["alternative"] == "légende"
    (page,) = _pages(repo).values()
    assert f":::{{container}} legende\n{caption}\n:::" in page
    assert f":::{{container}} credit\n{caption}" not in page
    assert ":::{container} credit\nPhoto : Ville de Montclair\n:::" in page
    _assert_reimport_changes_nothing(repo)


def test_chrome_a_print_button_kept_as_a_heading(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "chrome-imprimer.txt")
    _run(repo, "import")
    page = "un-nouveau-site-pour-la-mediatheque-municipale"
    assert "Imprimer" in _pages(repo)[page]  # the wrong decision
    _correct(repo, "chrome", "sources/chrome-imprimer.txt", 17)
    pages = _pages(repo)
    assert set(pages) == {page, "un-atelier-pour-apprendre-a-utiliser-sa-tablette"}
    assert "Imprimer" not in pages[page]
    assert "## Un site testé avec les usagers" in pages[page]
    assert "- inscription aux ateliers numériques du samedi." in pages[page]
    dropped = (repo / "docs/rapports/lignes-ecartees.md").read_text("utf-8")
    assert re.search(r"^- ligne 17, .*: Imprimer$", dropped, re.M), dropped
    _assert_reimport_changes_nothing(repo)


def test_title_of_a_second_article_taken_for_a_heading(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "titre-manque.txt")
    _run(repo, "import")
    garden = "le-jardin-partage-du-quartier-des-tilleuls-fete-ses-cinq-ans"
    assert set(_pages(repo)) == {garden}  # two articles on one page
    _correct(repo, "title", "sources/titre-manque.txt", 9)
    pages = _pages(repo)
    workshops = "des-ateliers-numeriques-pour-tous"
    assert set(pages) == {garden, workshops}
    meta = _front_matter(pages[workshops])
    assert meta["title"] == "Des ateliers numériques pour tous"
    assert meta["sources"] == [
        {"file": "sources/titre-manque.txt", "first_line": 9, "last_line": 15}
    ]
    assert "Chaque mardi après-midi, un médiateur accueille" in pages[workshops]
    assert "tablette" not in pages[garden]
    assert "Des ateliers numériques pour tous" not in pages[garden]
    assert _front_matter(pages[garden])["sources"][0]["last_line"] == 7
    _assert_reimport_changes_nothing(repo)


def test_title_a_caption_taken_for_an_article_title(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "titre-legende.txt")
    caption = "Le cabanon à outils, construit en 2017"
    _run(repo, "import")
    garden = "le-jardin-partage-du-quartier-des-tilleuls-fete-ses-cinq-ans"
    assert len(_pages(repo)) == 2  # the article cut in two at the caption
    item = _correct(repo, "title", "sources/titre-legende.txt", 7)
    assert item["alternative"] == "légende"
    pages = _pages(repo)
    # one article, on the page it had from the first import (its address)
    assert set(pages) == {garden}, sorted(pages)
    page = pages[garden]
    assert _front_matter(page)["title"] == (
        "Le jardin partagé du quartier des Tilleuls fête ses cinq ans"
    )
    assert f":::{{container}} legende\n{caption}\n:::" in page
    assert f"# {caption}" not in page
    assert "Les plus jeunes viennent avec l'école le mardi" in page
    _assert_reimport_changes_nothing(repo)


def test_title_the_first_title_of_a_dump_dropped_as_site_chrome(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "titre-ecarte.txt")
    title = "Les résultats du budget participatif"
    _run(repo, "import")
    assert not any(_front_matter(p)["title"] == title for p in _pages(repo).values())
    item = _correct(repo, "title", "sources/titre-ecarte.txt", 1)
    assert item["text"] == title
    pages = _pages(repo)
    assert len(pages) == 2, sorted(pages)
    (budget,) = [p for p in pages.values() if _front_matter(p)["title"] == title]
    assert _front_matter(budget)["sources"] == [
        {"file": "sources/titre-ecarte.txt", "first_line": 1, "last_line": 7}
    ]
    assert "Plus de mille habitants ont voté cette année" in budget
    workshop = pages["un-atelier-tablette-a-la-mediatheque"]
    assert "Plus de mille habitants" not in workshop
    _assert_reimport_changes_nothing(repo)


def test_boundary_a_paragraph_taken_for_a_new_article(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "debut-de-trop.txt")
    line = "Un bilan sera présenté au conseil municipal de décembre, avec les chiffres"
    _run(repo, "import")
    assert len(_pages(repo)) == 4  # a one-line article of its own
    item = _correct(repo, "boundary", "sources/debut-de-trop.txt", 19)
    assert item["alternative"] == "l'article précédent continue"
    pages = _pages(repo)
    budget = "budget-participatif-les-resultats"
    assert set(pages) == {
        "un-atelier-tablette-a-la-mediatheque",
        budget,
        "le-jardin-partage-fete-ses-cinq-ans",
    }
    assert _front_matter(pages[budget])["sources"] == [
        {"file": "sources/debut-de-trop.txt", "first_line": 13, "last_line": 19}
    ]
    assert line in pages[budget]
    assert _body(pages[budget]).index("Plus de mille habitants") < _body(pages[budget]).index(line)
    _assert_reimport_changes_nothing(repo)


def test_duplicate_two_towns_announcements_taken_for_one(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "doublon-deux-mairies.txt")
    _run(repo, "import")
    first = "permanence-numerique-a-la-mairie-de-montclair"
    second = "permanence-numerique-a-la-mairie-de-montbrun"
    assert set(_pages(repo)) == {first}  # the second town's left out
    item = _correct(repo, "duplicate", "sources/doublon-deux-mairies.txt", 11)
    assert item["text"] == "Permanence numérique à la mairie de Montbrun"
    pages = _pages(repo)
    assert set(pages) == {first, second}
    meta = _front_matter(pages[second])
    assert meta["title"] == "Permanence numérique à la mairie de Montbrun"
    assert meta["sources"] == [
        {"file": "sources/doublon-deux-mairies.txt", "first_line": 11, "last_line": 17}
    ]
    assert "Un conseiller numérique vous aide" in pages[second]
    assert [s["first_line"] for s in _front_matter(pages[first])["sources"]] == [1]
    _assert_reimport_changes_nothing(repo)


def test_theme_the_runner_up_is_the_right_one(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "theme-portrait.txt")
    slug = "portrait-claire-de-la-licence-a-la-protection-des-donnees"
    _run(repo, "import")
    assert _front_matter(_pages(repo)[slug])["theme"] == "protection-des-donnees"
    item = _correct(repo, "theme", "sources/theme-portrait.txt", 1)
    assert item["article"] == slug
    assert item["alternative"] == "thème metiers-et-portraits"
    page = _pages(repo)[slug]
    assert _front_matter(page)["theme"] == "metiers-et-portraits"
    _assert_reimport_changes_nothing(repo)


# -- corrections that no longer match, or that match a moved line --------------------


def test_a_correction_whose_line_is_gone_is_reported_with_its_line(tmp_path: Path) -> None:
    corrections = EMPTY_CORRECTIONS.replace(
        "role: []\n",
        "role:\n"
        "- file: sources/role-legende.txt\n"  # line 4 of the file
        "  line: 7\n"
        "  text: Une légende qui n'est dans aucun dump\n"
        "  role: caption\n",
    )
    repo = _repo(tmp_path, "role-legende.txt", corrections=corrections)
    assert corrections.splitlines()[3] == "- file: sources/role-legende.txt"
    checked = run_handbook("check", cwd=repo)
    assert checked.returncode == 1, (checked.stdout, checked.stderr)
    assert re.search(
        r"^sources/corrections\.yaml:4: l'entrée « role » ne correspond plus à aucune ligne"
        r" : « Une légende qui n'est dans aucun dump » .*\(correction-perimee\)$",
        checked.stdout,
        re.M,
    ), checked.stdout
    assert "Traceback" not in checked.stderr
    imported = run_handbook("import", cwd=repo)
    assert imported.returncode == 0, imported.stderr
    assert "sources/corrections.yaml:4" in imported.stdout
    assert "Une légende qui n'est dans aucun dump" in imported.stdout
    assert len(_pages(repo)) == 1


def test_a_correction_follows_its_line_when_lines_are_added_above(tmp_path: Path) -> None:
    caption = "De gauche à droite : Léa, Hugo et Mme Durand"
    corrections = EMPTY_CORRECTIONS.replace(
        "role: []\n",
        f"role:\n- file: sources/role-legende.txt\n  line: 7\n  text: '{caption}'\n"
        "  role: caption\n",
    )
    repo = _repo(tmp_path, "role-legende.txt", corrections=corrections)
    dump = repo / "sources/role-legende.txt"
    lines = dump.read_text("utf-8").split("\n")
    assert lines[6] == caption
    added = ["Une phrase ajoutée plus haut, pour décaler les lignes suivantes.", ""]
    dump.write_text("\n".join([*lines[:2], *added, *lines[2:]]), "utf-8")
    assert dump.read_text("utf-8").split("\n")[8] == caption  # now line 9
    _run(repo, "import")
    (page,) = _pages(repo).values()
    assert f":::{{container}} legende\n{caption}\n:::" in page
    checked = run_handbook("check", cwd=repo)
    assert checked.returncode == 0, (checked.stdout, checked.stderr)
    assert "correction-perimee" not in checked.stdout


def test_a_repeated_section_adds_its_entries(tmp_path: Path) -> None:
    caption = "De gauche à droite : Léa, Hugo et Mme Durand"
    corrections = EMPTY_CORRECTIONS.replace(
        "role: []\n",
        f"role:\n- file: sources/role-legende.txt\n  line: 7\n  text: '{caption}'\n"
        "  role: caption\n",
    )
    # the second ``role`` section, pasted at the end of the file
    corrections += (
        "role:\n- file: sources/chrome-imprimer.txt\n  line: 17\n  text: Imprimer\n  role: chrome\n"
    )
    repo = _repo(tmp_path, "role-legende.txt", "chrome-imprimer.txt", corrections=corrections)
    _run(repo, "import")
    pages = _pages(repo)
    garden = pages["le-jardin-partage-du-quartier-des-tilleuls-fete-ses-cinq-ans"]
    assert f":::{{container}} legende\n{caption}\n:::" in garden
    assert "Imprimer" not in pages["un-nouveau-site-pour-la-mediatheque-municipale"]
    checked = run_handbook("check", cwd=repo)
    assert checked.returncode == 0, (checked.stdout, checked.stderr)


# -- the JSON output and the « À relire » page ---------------------------------------


def _all_fixtures() -> list[str]:
    names = sorted(p.name for p in FIXTURES.glob("*.txt"))
    assert len(names) >= 6
    return names


def test_review_json_keys_types_order_and_pasteable_corrections(tmp_path: Path) -> None:
    repo = _repo(tmp_path, *_all_fixtures())
    items = _review(repo)
    assert {i["kind"] for i in items} == KINDS
    schema = json.loads(SCHEMA.read_text("utf-8"))
    sections = set(schema["properties"])
    dumps = {
        f"sources/{p.name}": p.read_text("utf-8").split("\n")
        for p in (repo / "sources").glob("*.txt")
    }
    for item in items:
        for key, kind in REVIEW_KEYS.items():
            assert key in item, (key, item)
            assert isinstance(item[key], kind), (key, item)
        assert item["kind"] in KINDS
        assert 0 <= item["confidence"] <= 1, item
        assert item["line"] >= 1 and item["file"] in dumps, item
        assert item["why"] and item["decision"] and item["alternative"], item
        if item["kind"] != "theme":
            assert dumps[item["file"]][item["line"] - 1] == item["text"], item
        pasted = yaml.safe_load(item["correction"])
        assert isinstance(pasted, dict) and len(pasted) == 1, item["correction"]
        ((section, entry),) = pasted.items()
        assert section in sections, item["correction"]
        jsonschema.validate(pasted, schema)
        if section == "theme":
            assert list(entry) == [item["article"]], item
        else:
            (place,) = entry
            assert (place["file"], place["line"], place["text"]) == (
                item["file"],
                item["line"],
                item["text"].strip(),
            ), item
    confidences = [i["confidence"] for i in items]
    assert confidences == sorted(confidences)


def test_review_json_is_byte_identical_across_processes(tmp_path: Path) -> None:
    repo = _repo(tmp_path, *_all_fixtures())
    runs = [
        run_handbook(
            "review", "--format", "json", cwd=repo, env={"PYTHONHASHSEED": seed}, text=False
        )
        for seed in ("1", "2")
    ]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    assert runs[0].stdout == runs[1].stdout
    assert json.loads(runs[0].stdout)


def test_review_page_lists_the_same_decisions_as_the_review(tmp_path: Path) -> None:
    repo = _repo(tmp_path, *_all_fixtures())
    summary = _run(repo, "import")
    items = _review(repo)
    assert items
    assert f"\n{len(items)} décision(s) à relire : lancez « make review »" in summary
    page = (repo / "docs/rapports/a-relire.md").read_text("utf-8")
    assert f"\n{len(items)} décision(s) à relire.\n" in page
    listed = re.findall(r"^- \*\*[^*]+\*\*, (\S+:\d+), décision ", page, re.M)
    assert sorted(listed) == sorted(f"{i['file']}:{i['line']}" for i in items)
