"""Same inputs, same bytes, whatever the process, the folder or the number of workers.

* ``handbook list --format json`` (and ``--dropped``) prints the same bytes
  under two hash seeds (set and dict order, str hashes);
* the real handbook built in another folder, under another hash seed, or
  with ``-j 2`` instead of ``-j 1``, writes the same site: every file of the
  output compared byte for byte, except the build-time values listed in
  ``sphinx_util.BUILD_TIME_OUTPUT`` (the doctrees);
* sitemap.xml included: sphinx-sitemap writes its URLs in the order the
  ``-j`` workers send them; the extension sorts them first
  (``handbook.site.html.sort_sitemap``), found by these tests.

The session's shared build (tests/conftest.py: ``-j 1``, PYTHONHASHSEED=1)
is one side of each comparison, so each comparison adds one build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import (
        REAL_BUILD_HASH_SEED,
        REPO_ROOT,
        HandbookBuild,
        build,
        copy_handbook,
        describe,
        output_differences,
        output_files,
        run_handbook,
    )
except ImportError:  # tests/ became a package
    from tests.sphinx_util import (
        REAL_BUILD_HASH_SEED,
        REPO_ROOT,
        HandbookBuild,
        build,
        copy_handbook,
        describe,
        output_differences,
        output_files,
        run_handbook,
    )

OTHER_HASH_SEED = "2"


@pytest.mark.parametrize(
    "args",
    [("list", "--format", "json"), ("list", "--dropped", "--format", "json")],
    ids=["articles", "dropped"],
)
def test_list_json_is_the_same_under_two_hash_seeds(args: tuple[str, ...]) -> None:
    outputs = []
    for seed in ("1", "2"):
        result = run_handbook(*args, cwd=REPO_ROOT, env={"PYTHONHASHSEED": seed}, text=False)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        outputs.append(result.stdout)
    assert json.loads(outputs[0]), "nothing listed: the comparison would prove nothing"
    assert outputs[0] == outputs[1]


def _assert_real_site(out: Path) -> None:
    """The output is the whole handbook, so that comparing it means something."""
    files = output_files(out)
    for page in (
        "index.html",
        "credits.html",
        "contribuer.html",
        "glossaire.html",
        "genindex.html",
        "search.html",
        "searchindex.js",
        "sitemap.xml",
        "themes/index.html",
        "rapports/lignes-ecartees.html",
    ):
        assert page in files, sorted(files)
    articles = [name for name in files if name.startswith("articles/")]
    assert len(articles) >= len(list((REPO_ROOT / "docs/articles").glob("*.md"))), articles


@pytest.mark.sphinx
def test_a_build_in_another_folder_under_another_hash_seed_writes_the_same_site(
    real_handbook: HandbookBuild, tmp_path: Path
) -> None:
    # another absolute path, of another length, with a space in it
    root = copy_handbook(tmp_path / "un autre dossier" / "manuel")
    out = tmp_path / "html"
    result = build(root / "docs", out, ["-j", "1"], env={"PYTHONHASHSEED": OTHER_HASH_SEED})
    assert result.returncode == 0, describe(result)
    _assert_real_site(real_handbook.html)
    assert output_differences(real_handbook.html, out) == ""


@pytest.fixture(scope="module")
def parallel_build(real_handbook: HandbookBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared build's sources built again with -j 2 (same seed): only -j differs.

    The generated pages are already in the shared copy's docs/; the build must
    find them up to date and leave them alone.
    """
    docs = real_handbook.root / "docs"
    sources = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(docs.rglob("*.md"))}
    out = tmp_path_factory.mktemp("parallel") / "html-j2"
    result = build(docs, out, ["-j", "2"], env={"PYTHONHASHSEED": REAL_BUILD_HASH_SEED})
    assert result.returncode == 0, describe(result)
    # a parallel build reads and writes chunks of documents, shown « first .. last »;
    # terminal control sequences (line erasing, colours under CI=true) removed
    shown = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", result.stdout)
    for stage in ("reading sources", "writing output"):
        assert re.search(rf"^{stage}\.\.\. \[\s*\d+%\] \S+ \.\. \S+$", shown, re.M), (
            f"{stage}: not in parallel\n{describe(result)}"
        )
    assert {
        p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(docs.rglob("*.md"))
    } == sources
    return out


@pytest.mark.sphinx
def test_a_parallel_build_writes_the_same_site(
    real_handbook: HandbookBuild, parallel_build: Path
) -> None:
    _assert_real_site(real_handbook.html)
    assert output_differences(real_handbook.html, parallel_build) == ""
