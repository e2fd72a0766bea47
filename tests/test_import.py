"""Import: pages written once, re-import changes nothing, hand edits survive, writes are atomic."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from handbook.common.errors import LockedError, WriteError
from handbook.convert import pipeline as importer
from handbook.convert.pipeline import default_sources

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import copy_inputs
except ImportError:  # tests/ became a package
    from tests.sphinx_util import copy_inputs


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A throw-away copy of the handbook's inputs (sources, data files, conf)."""
    return copy_inputs(tmp_path)


def _import(repo: Path, **kw) -> importer.ImportReport:
    return importer.run_import(default_sources(repo), root=repo, **kw)


def test_first_import_creates_one_page_per_article(repo: Path) -> None:
    report = _import(repo)
    pages = sorted((repo / "docs/articles").glob("*.md"))
    assert len([p for p in pages if p.name != "index.md"]) == 32
    assert len(report.created) == 34  # 32 articles + the two reports
    assert not report.updated and not report.protected


def test_reimport_changes_nothing_and_keeps_mtimes(repo: Path) -> None:
    _import(repo)
    pages = sorted((repo / "docs").rglob("*.md"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pages}
    time.sleep(0.01)
    report = _import(repo)
    assert not report.created and not report.updated and not report.protected
    assert len(report.unchanged) == 34
    assert (
        "0 créée(s), 0 mise(s) à jour, 0 supprimée(s), 34 inchangée(s), 0 protégée(s)"
        in report.summary()
    )
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pages}
    assert after == before


def test_output_is_deterministic_across_fresh_imports(repo: Path, tmp_path_factory) -> None:
    _import(repo)
    other = copy_inputs(tmp_path_factory.mktemp("other"))
    _import(other)
    first = {p.relative_to(repo): p.read_bytes() for p in (repo / "docs/articles").glob("*.md")}
    second = {p.relative_to(other): p.read_bytes() for p in (other / "docs/articles").glob("*.md")}
    assert first == second


@pytest.mark.parametrize("edit", ["body", "title", "theme", "authors"])
def test_hand_edits_are_never_overwritten_without_force(repo: Path, edit: str) -> None:
    _import(repo)
    page = sorted((repo / "docs/articles").glob("*.md"))[3]
    text = page.read_text("utf-8")
    if edit == "body":
        edited = text.rstrip("\n") + "\n\nUn paragraphe ajouté par une enseignante.\n"
    elif edit == "title":
        edited = text.replace("\ntitle: ", "\ntitle: Nouveau titre — ", 1)
    elif edit == "theme":
        edited = text.replace("\ntheme: ", "\ntheme: inclusion-numerique #", 1)
    else:
        edited = text.replace("\nauthors: []", "\nauthors: [Une Autrice]", 1)
        if edited == text:
            edited = text.replace("\nauthors:\n", "\nauthors:\n- Une Autrice\n", 1)
    assert edited != text
    page.write_text(edited, encoding="utf-8")
    report = _import(repo)
    rel = page.relative_to(repo).as_posix()
    assert rel in report.protected
    assert "modifiée à la main" in report.summary()
    assert page.read_text("utf-8") == edited
    report = _import(repo, force=True)
    assert rel in report.updated
    if edit == "theme":  # the body is regenerated but a theme chosen by hand always wins
        forced = page.read_text("utf-8")
        assert "\ntheme: inclusion-numerique\n" in forced
        assert "\ntheme_source: manual\n" in forced
        again = _import(repo)  # and it is remembered on later imports
        assert rel in again.unchanged
        assert page.read_text("utf-8") == forced
    else:
        assert page.read_text("utf-8") == text


def test_a_page_keeps_its_slug_when_the_detected_title_changes(repo: Path) -> None:
    _import(repo)
    corrections = repo / "sources/corrections.yaml"
    slug = "portrait-du-cabinet-filor-avocats"
    assert (repo / f"docs/articles/{slug}.md").exists()
    corrections.write_text(f'retitle:\n  {slug}: "Le cabinet Filor Avocats"\n', encoding="utf-8")
    report = _import(repo)
    page = repo / f"docs/articles/{slug}.md"
    assert f"docs/articles/{slug}.md" in report.updated
    assert "# Le cabinet Filor Avocats" in page.read_text("utf-8")
    assert len(list((repo / "docs/articles").glob("*.md"))) == 32


def test_corrections_ignore_theme_and_chrome(repo: Path) -> None:
    (repo / "sources/corrections.yaml").write_text(
        "ignore: [anais-cleuvenot]\n"
        "theme:\n  portrait-du-cabinet-filor-avocats: protection-des-donnees\n"
        "chrome:\n  - {file: sources/blog-lpcpon-3.txt, line: 274}\n",
        encoding="utf-8",
    )
    report = _import(repo)
    assert not (repo / "docs/articles/anais-cleuvenot.md").exists()
    assert report.ignored == ["Anaïs Cleuvenot"]
    filor = (repo / "docs/articles/portrait-du-cabinet-filor-avocats.md").read_text("utf-8")
    assert "\ntheme: protection-des-donnees\n" in filor
    dropped = (repo / "docs/rapports/lignes-ecartees.md").read_text("utf-8")
    assert "Anaïs Cleuvenot" in dropped and "ignoré" in dropped


def test_bad_corrections_file_names_file_and_line(repo: Path) -> None:
    (repo / "sources/corrections.yaml").write_text(
        "split:\n  - {file: sources/x.txt, line: zéro}\n", encoding="utf-8"
    )
    with pytest.raises(Exception) as info:
        _import(repo)
    assert "sources/corrections.yaml:2" in str(info.value)


def test_failure_in_the_middle_leaves_every_page_old_or_new(repo: Path, monkeypatch) -> None:
    _import(repo)
    sources = repo / "sources/blog-lpcpon-1.txt"
    sources.write_text(
        sources.read_text("utf-8").replace("opportunité", "opportunités"), encoding="utf-8"
    )
    before = {p: p.read_bytes() for p in (repo / "docs/articles").glob("*.md")}
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    with pytest.raises(WriteError) as info:
        _import(repo)
    assert "disque plein" in str(info.value)
    for path, old in before.items():
        now = path.read_bytes()
        assert now == old or now.startswith(b"---\ntitle:")  # old, or a complete new page
        assert now.endswith(b"\n")
    assert not list((repo / "docs/articles").glob(".*.tmp"))


def test_kill_during_import_never_truncates_a_page(repo: Path, tmp_path_factory) -> None:
    import queue
    import shutil
    import threading

    from handbook.common.frontmatter import compute_fingerprint, read_front_matter

    # The child lets the first changed page be replaced, then stops right
    # before replacing the second one (whose new text is already on disk under
    # its temporary name), says so on stdout and waits to be killed.
    child = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from handbook.convert import pipeline as importer\n"
        "real, calls = os.replace, []\n"
        "def replace(src, dst):\n"
        "    calls.append(dst)\n"
        "    if len(calls) == 2:\n"
        "        print('pending', src, dst, flush=True)\n"
        "        time.sleep(600)\n"
        "    real(src, dst)\n"
        "    print('replaced', dst, flush=True)\n"
        "os.replace = replace\n"
        "root = Path(sys.argv[1])\n"
        "importer.run_import(importer.default_sources(root), root=root)\n"
    )

    def pages(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "docs").rglob("*.md")
        }

    def read_until(proc: subprocess.Popen, word: str, timeout: float = 120) -> list[str]:
        """The child's stdout lines up to the one starting with ``word``."""
        received: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                received.put(line.rstrip("\n"))
            received.put(None)  # end of file

        threading.Thread(target=pump, daemon=True).start()
        lines: list[str] = []
        deadline = time.monotonic() + timeout
        while not lines or not lines[-1].startswith(word):
            try:
                line = received.get(timeout=max(0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:  # the child died, or hangs
                proc.kill()
                proc.wait()
                err = proc.stderr.read() if proc.stderr else ""
                raise AssertionError(f"the import never reached {word!r}: {lines}\n{err}")
            lines.append(line)
        return lines

    _import(repo)
    src = repo / "sources/labo-societe-numerique-actus.txt"
    src.write_text(src.read_text("utf-8").replace("numérique", "numériques"), encoding="utf-8")
    old = pages(repo)
    reference = tmp_path_factory.mktemp("reference")  # what an uninterrupted import writes
    shutil.copytree(repo, reference, dirs_exist_ok=True)
    _import(reference)
    new = pages(reference)
    assert len([k for k in new if new[k] != old.get(k)]) >= 2  # the kill falls between two

    proc = subprocess.Popen(
        [sys.executable, "-c", child, str(repo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = read_until(proc, "pending")
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL

    # the child had written: one page replaced, the next one's text on disk, not yet renamed
    assert [line.split()[0] for line in lines] == ["replaced", "pending"], lines
    written = Path(lines[0].split(" ", 1)[1]).relative_to(repo).as_posix()
    temp, target = (Path(part) for part in lines[1].split()[1:])
    target_key = target.relative_to(repo).as_posix()
    on_disk = pages(repo)
    assert on_disk[written] == new[written] != old[written]
    assert on_disk[target_key] == old[target_key] != new[target_key]
    assert temp.read_bytes() == new[target_key]

    # every page is the old or the new version, whole; no page is missing
    assert set(old) <= set(on_disk) <= set(old) | set(new)
    for key, data in sorted(on_disk.items()):
        assert data in (old.get(key), new.get(key)), key
        if key.startswith("docs/articles/"):
            text = data.decode("utf-8")
            meta, _body, _line = read_front_matter(text)
            assert meta["title"] and meta["fingerprint"] == compute_fingerprint(text), key
    # what is left of the interrupted write is a hidden temporary file, not a page
    leftovers = [
        p.relative_to(repo).as_posix()
        for p in (repo / "docs").rglob("*")
        if p.is_file() and p.suffix != ".md" and p.name.startswith(".")
    ]
    assert leftovers == [temp.relative_to(repo).as_posix()]
    assert temp.suffix == ".tmp"  # Sphinx reads .md files only

    # a new import finishes the job: the same pages as the uninterrupted one
    report = _import(repo)
    assert not report.protected
    assert target_key in report.updated and written in report.unchanged
    assert pages(repo) == new


def test_two_imports_at_once_are_refused_with_a_clear_message(repo: Path) -> None:
    from filelock import FileLock

    with FileLock(str(repo / importer.LOCK_FILE)), pytest.raises(LockedError) as info:
        _import(repo)
    assert "un autre import est déjà en cours" in str(info.value)


def test_corrections_split_and_merge(repo: Path) -> None:
    # "Des profils variés" is a section heading of the open-day article: force a split there,
    # and merge the coworking article back into the interview that precedes it.
    (repo / "sources/corrections.yaml").write_text(
        "split:\n  - {file: sources/blog-lpcpon-1.txt, line: 40}\n"
        "merge:\n  - {file: sources/blog-lpcpon-1.txt, line: 242}\n",
        encoding="utf-8",
    )
    from handbook.convert.pipeline import analyse
    from handbook.data.corrections import load_corrections

    result = analyse(
        [repo / "sources/blog-lpcpon-1.txt"], root=repo, corrections=load_corrections(repo)
    )
    starts = {s.first_line: s.title for s in result.segments}
    assert starts[40] == "Des profils variés"
    assert 242 not in starts
    interview = next(s for s in result.segments if s.first_line == 234)
    assert interview.last_line == 295  # the coworking text now continues the interview
