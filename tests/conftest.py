"""Fixtures shared by the test modules: the real handbook, built once per session.

Building the real handbook takes several seconds; every test that only
reads the built site asks for :func:`real_handbook` instead of building
its own. A test that changes the handbook (adds a page, edits a data file)
builds its own copy (``sphinx_util.copy_handbook``).
"""

from __future__ import annotations

import pytest

try:  # tests/ is on sys.path (rootdir-relative "prepend" import mode)
    from sphinx_util import REAL_BUILD_HASH_SEED, HandbookBuild, build, copy_handbook, describe
except ImportError:  # tests/ became a package
    from tests.sphinx_util import (
        REAL_BUILD_HASH_SEED,
        HandbookBuild,
        build,
        copy_handbook,
        describe,
    )


@pytest.fixture(scope="session")
def real_handbook(tmp_path_factory: pytest.TempPathFactory) -> HandbookBuild:
    """The real handbook (a copy of docs/, sources/...), built once per session.

    Strict (-W --keep-going -n), serial (-j 1), under PYTHONHASHSEED=1, into
    a temporary folder (never docs/_build). Tests must only read it: its
    source copy and its output are shared by the whole session.
    """
    root = copy_handbook(tmp_path_factory.mktemp("real-handbook"))
    html = root / "html"
    result = build(root / "docs", html, ["-j", "1"], env={"PYTHONHASHSEED": REAL_BUILD_HASH_SEED})
    assert result.returncode == 0, describe(result)
    return HandbookBuild(root=root, html=html, result=result)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test reading the shared build runs a real Sphinx build (when it is the
    # first to ask for it): it is a `sphinx` test even if its marker is missing.
    for item in items:
        if "real_handbook" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.sphinx)
