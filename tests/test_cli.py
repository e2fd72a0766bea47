"""The ``handbook`` command through its console script (``.venv/bin/handbook``).

For each command, the success and the failure paths: exit code, what goes to
stdout and stderr, messages in French naming the file, and nothing written
when an input is refused. Commands that only read run in the repository;
the others run in a throw-away copy (``sphinx_util.copy_inputs`` /
``copy_handbook``).
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import REPO_ROOT, copy_handbook, copy_inputs, run_handbook
except ImportError:  # tests/ became a package
    from tests.sphinx_util import REPO_ROOT, copy_handbook, copy_inputs, run_handbook

CHECK_FIXTURES = REPO_ROOT / "tests/fixtures/check"
ONE_DUMP = "sources/blog-lpcpon-1.txt"
ACCENTS = "Étudiants, élus et habitants : « communication publique » à l’œuvre, été, château.\n"

#: bad input files: (file name, bytes, French words of the expected message)
BAD_INPUTS = {
    "binary": (
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "ce fichier semble binaire",
    ),
    "broken-utf8": (
        "abime.txt",
        ("Un titre\n\n" + ACCENTS).encode() + b"Une ligne cass\xe9e.\n" + ACCENTS.encode(),
        "texte UTF-8 invalide à la ligne 4",
    ),
}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_refused(result, *fragments: str, code: int = 2) -> None:
    """A French one-line error on stderr, nothing on stdout, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == "", result.stdout
    assert result.stderr.startswith("Erreur : "), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text("utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def listed() -> list[dict]:
    """``handbook list --format json`` of the repository."""
    result = run_handbook("list", "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert records
    return records


# -- list --------------------------------------------------------------------


def test_list_json_describes_every_article(listed: list[dict]) -> None:
    for record in listed:
        assert record["page"] == f"docs/articles/{record['slug']}.md"
        assert record["kept"] in record["occurrences"]
    assert len({r["slug"] for r in listed}) == len(listed)


def test_list_json_gives_every_article_a_theme_with_a_confidence(listed: list[dict]) -> None:
    per_theme = Counter(r["theme"]["id"] for r in listed if r["theme"])
    for record in listed:
        theme = record["theme"]
        assert theme is not None, record["slug"]
        assert {"id", "title", "score", "reasons", "runner_up", "source", "confidence"} <= set(
            theme
        )
        assert isinstance(theme["confidence"], float)
        assert 0.0 <= theme["confidence"] <= 1.0
        assert theme["reasons"], record["slug"]
        if theme["source"] == "auto" and per_theme[theme["id"]] > 1:
            # the nearest articles already placed in the theme are named, in French
            assert any(r.startswith("proche de l'article « ") for r in theme["reasons"])


def test_list_table_counts_the_same_articles(listed: list[dict]) -> None:
    result = run_handbook("list", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"{len(listed)} articles uniques" in result.stdout
    assert "Occurrences" in result.stdout


def test_list_dropped_in_both_formats() -> None:
    table = run_handbook("list", "--dropped", cwd=REPO_ROOT)
    assert table.returncode == 0, table.stderr
    assert "Lignes écartées" in table.stdout and "Raison" in table.stdout
    result = run_handbook("list", "--dropped", "--format", "json", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records and all({"file", "line", "text", "reason"} <= set(r) for r in records)


def test_list_of_explicit_files_reads_only_those(listed: list[dict]) -> None:
    result = run_handbook("list", "--format", "json", ONE_DUMP, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records
    assert {o["file"] for r in records for o in r["occurrences"]} == {ONE_DUMP}
    assert {r["slug"] for r in records} <= {r["slug"] for r in listed}


@pytest.mark.parametrize("kind", ["missing", *BAD_INPUTS])
@pytest.mark.parametrize("output", ["table", "json"])
def test_list_refuses_a_bad_file_naming_it(tmp_path: Path, kind: str, output: str) -> None:
    if kind == "missing":
        path, expected = tmp_path / "absent.txt", "fichier introuvable"
    else:
        name, data, expected = BAD_INPUTS[kind]
        path = tmp_path / name
        path.write_bytes(data)
    # after a good file: nothing of it is printed either
    result = run_handbook("list", "--format", output, ONE_DUMP, path, cwd=REPO_ROOT)
    assert_refused(result, f"{path} : {expected}")


def test_list_without_any_dump_says_so(tmp_path: Path) -> None:
    repo = copy_inputs(tmp_path, sources=False)
    result = run_handbook("list", cwd=repo)
    assert_refused(result, "sources : aucun fichier *.txt à lire")


# -- import --------------------------------------------------------------------


def _pages(repo: Path) -> list[Path]:
    return sorted((repo / "docs").rglob("*.md"))


def test_import_writes_the_pages_then_a_second_run_writes_nothing(tmp_path: Path) -> None:
    repo = copy_inputs(tmp_path)
    first = run_handbook("import", cwd=repo)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    pages = _pages(repo)
    assert len(pages) > 1 and repo / "docs/rapports/lignes-ecartees.md" in pages
    assert first.stdout.startswith(f"{len(pages)} créée(s), 0 mise(s) à jour, ")
    before = snapshot(repo / "docs")
    time.sleep(0.05)  # a rewrite would get another mtime
    second = run_handbook("import", cwd=repo)
    assert second.returncode == 0, second.stderr
    assert second.stdout.startswith("0 créée(s), 0 mise(s) à jour, ")
    assert f"{len(pages)} inchangée(s), 0 protégée(s)." in second.stdout
    assert snapshot(repo / "docs") == before


def test_a_hand_edited_page_is_protected_and_listed_until_force(tmp_path: Path) -> None:
    repo = copy_inputs(tmp_path)
    assert run_handbook("import", cwd=repo).returncode == 0
    page = sorted((repo / "docs/articles").glob("*.md"))[0]
    relative = page.relative_to(repo).as_posix()
    generated = page.read_text("utf-8")
    edited = generated + "\nUn paragraphe ajouté à la main par une enseignante.\n"
    page.write_text(edited, "utf-8")

    kept = run_handbook("import", cwd=repo)
    assert kept.returncode == 0, kept.stderr
    assert "1 protégée(s)" in kept.stdout
    assert f"protégée : {relative} a été modifiée à la main" in kept.stdout
    assert "--force" in kept.stdout
    assert page.read_text("utf-8") == edited

    forced = run_handbook("import", "--force", cwd=repo)
    assert forced.returncode == 0, forced.stderr
    assert "1 mise(s) à jour" in forced.stdout and "0 protégée(s)" in forced.stdout
    assert page.read_text("utf-8") == generated


def test_import_of_an_explicit_file_writes_only_its_articles(tmp_path: Path) -> None:
    repo = copy_inputs(tmp_path)
    result = run_handbook("import", ONE_DUMP, cwd=repo)
    assert result.returncode == 0, result.stderr
    listed = json.loads(run_handbook("list", "--format", "json", ONE_DUMP, cwd=repo).stdout)
    pages = sorted((repo / "docs/articles").glob("*.md"))
    assert {p.stem for p in pages} == {r["slug"] for r in listed}
    for page in pages:
        assert {s["file"] for s in front_matter(page)["sources"]} == {ONE_DUMP}, page
    assert result.stdout.startswith(f"{len(pages) + 2} créée(s)")  # + the two reports


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_import_refuses_a_bad_dump_and_changes_no_page(tmp_path: Path, kind: str) -> None:
    repo = copy_inputs(tmp_path)
    assert run_handbook("import", cwd=repo).returncode == 0
    # a change in a dump that the next import would write...
    dump = repo / ONE_DUMP
    dump.write_text(dump.read_text("utf-8").replace("opportunité", "opportunités"), "utf-8")
    # ... and a bad file among the dumps
    name, data, expected = BAD_INPUTS[kind]
    (repo / "sources" / name).write_bytes(data)
    before = snapshot(repo / "docs")
    result = run_handbook("import", cwd=repo)
    assert_refused(result, f"sources/{name} : {expected}")
    assert snapshot(repo / "docs") == before
    # without the bad file, the same import does change pages
    (repo / "sources" / name).unlink()
    again = run_handbook("import", cwd=repo)
    assert again.returncode == 0 and not again.stdout.startswith("0 créée(s), 0 mise(s) à jour")


def test_import_refuses_a_missing_file_and_writes_no_page(tmp_path: Path) -> None:
    repo = copy_inputs(tmp_path)
    before = snapshot(repo / "docs")
    result = run_handbook("import", ONE_DUMP, "sources/absent.txt", cwd=repo)
    assert_refused(result, "sources/absent.txt : fichier introuvable")
    assert snapshot(repo / "docs") == before
    assert not (repo / "docs/articles").exists()


# -- check ---------------------------------------------------------------------


@pytest.fixture()
def handbook(tmp_path: Path) -> Path:
    """A copy of the real handbook (pages, data files, dumps)."""
    return copy_handbook(tmp_path / "handbook")


def _add_bad_page(repo: Path) -> str:
    shutil.copy(CHECK_FIXTURES / "bad-date.md", repo / "docs/articles/bad-date.md")
    return "docs/articles/bad-date.md"


def test_check_passes_on_the_handbook(handbook: Path) -> None:
    result = run_handbook("check", cwd=handbook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Aucun problème" in result.stderr


def test_check_reports_path_line_message_and_rule(handbook: Path) -> None:
    page = _add_bad_page(handbook)
    result = run_handbook("check", cwd=handbook)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert re.fullmatch(rf"{re.escape(page)}:\d+: .+ \([a-z-]+\)", line), line
    assert lines[0].startswith(f"{page}:5: champ « date » : « 12/05/2024 »")
    assert f"{len(lines)} problème(s) trouvé(s)." in result.stderr


def test_check_github_format(handbook: Path) -> None:
    page = _add_bad_page(handbook)
    result = run_handbook("check", "--format", "github", cwd=handbook)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"::error file={page},line=5,title=schema::")
    assert all(line.startswith("::error file=") for line in result.stdout.splitlines())
    assert "problème(s) trouvé(s)" in result.stderr


def test_check_of_given_pages_reports_only_theirs(handbook: Path) -> None:
    page = _add_bad_page(handbook)
    other = sorted((handbook / "docs/articles").glob("*.md"))[0].relative_to(handbook)
    assert run_handbook("check", other, cwd=handbook).returncode == 0
    result = run_handbook("check", page, cwd=handbook)
    assert result.returncode == 1 and result.stdout.startswith(f"{page}:5: ")


# -- new -----------------------------------------------------------------------

TITLE = "Un article de contribution"
SLUG_PAGE = "docs/articles/un-article-de-contribution.md"


def test_new_creates_a_page_that_passes_check(handbook: Path) -> None:
    result = run_handbook(
        "new", TITLE, "--theme", "communication-de-crise", "--author", "Une Autrice", cwd=handbook
    )
    assert result.returncode == 0, result.stderr
    assert f"Page créée : {SLUG_PAGE}" in result.stdout
    meta = front_matter(handbook / SLUG_PAGE)
    assert meta["title"] == TITLE and meta["theme"] == "communication-de-crise"
    assert meta["authors"] == ["Une Autrice"]
    check = run_handbook("check", cwd=handbook)
    assert check.returncode == 0, check.stdout + check.stderr


def test_new_refuses_an_unknown_theme_and_writes_nothing(handbook: Path) -> None:
    before = snapshot(handbook / "docs")
    result = run_handbook("new", TITLE, "--theme", "cuisine", cwd=handbook)
    assert_refused(result, "thème inconnu « cuisine »", "Thèmes valides", "communication-de-crise")
    assert snapshot(handbook / "docs") == before


def test_new_refuses_an_existing_slug_and_keeps_the_page(handbook: Path) -> None:
    args = ("new", TITLE, "--theme", "communication-de-crise")
    assert run_handbook(*args, cwd=handbook).returncode == 0
    before = snapshot(handbook / "docs")
    result = run_handbook(*args, "--author", "Quelqu'un d'autre", cwd=handbook)
    assert_refused(result, f"{SLUG_PAGE} : une page porte déjà ce nom")
    assert snapshot(handbook / "docs") == before


# -- explain ---------------------------------------------------------------------


def test_explain_a_known_article(listed: list[dict]) -> None:
    record = next(
        r
        for r in listed
        if r["theme"]
        and r["theme"]["source"] != "manual"
        and any(reason.startswith("proche de l'article") for reason in r["theme"]["reasons"])
    )
    result = run_handbook("explain", record["slug"], cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"« {record['title']} »\n")
    assert f"Thème : {record['theme']['title']} ({record['theme']['id']})" in result.stdout
    assert "parce que" in result.stdout
    assert f"confiance {record['theme']['confidence']:.2f}" in result.stdout
    assert "proche de l'article « " in result.stdout


def test_explain_an_unknown_slug() -> None:
    result = run_handbook("explain", "pas-un-article", cwd=REPO_ROOT)
    assert_refused(result, "pas-un-article : article inconnu", "handbook list")
