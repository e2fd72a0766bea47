"""Fixtures of the browser tests: the real handbook, served and driven in Chromium.

* ``site``: the real ``docs/`` built strictly (``-W --keep-going -n -j auto``)
  into a temporary directory, once per session;
* ``base_url``: that directory served by :mod:`http.server` on 127.0.0.1
  (free port, in a thread);
* ``browser``: Debian's Chromium (``/usr/bin/chromium``) driven through its
  driver (``/usr/bin/chromedriver``) by Selenium, headless, with a fresh
  profile. Both paths are given explicitly, so Selenium Manager never runs
  (and never downloads anything). ``HANDBOOK_CHROMIUM`` and
  ``HANDBOOK_CHROMEDRIVER`` override them (set by the Makefile);
* ``axe_source``: ``axe.min.js`` from the npm package ``axe-core``, in
  ``tests/browser/node_modules`` (installed by ``make browser-deps``, or here
  with npm when it is missing);
* ``axe_log``: what the accessibility audits met that axe-core could not
  decide (its ``incomplete`` results), printed at the end of the run.

Every test collected here gets the ``browser`` marker (registered in
pyproject.toml): ``pytest -m "not browser"`` runs the other tests only.

These tests never skip: when Chromium, its driver or npm is missing they
fail with a French message saying how to install it (``make test`` installs
Chromium itself when run as root).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent
# Debian's Chromium and driver; the Makefile passes its CHROMIUM and
# CHROMEDRIVER variables (another Chromium or Chrome, e.g. on CI) through
# these environment variables.
CHROMIUM = Path(os.environ.get("HANDBOOK_CHROMIUM") or "/usr/bin/chromium")
CHROMEDRIVER = Path(os.environ.get("HANDBOOK_CHROMEDRIVER") or "/usr/bin/chromedriver")
#: npm version range of axe-core (the Makefile's browser-deps uses the same)
AXE_PACKAGE = "axe-core@4"
AXE_JS = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--lang=fr-FR",
)

MISSING_CHROMIUM = (
    "Les tests dans le navigateur ont besoin de Chromium et de son pilote "
    "({missing} introuvable). Installez-les avec les paquets Debian :\n"
    "    sudo apt-get install chromium chromium-driver\n"
    "ou lancez « make test » en root : il les installe lui-même. Pour un autre "
    "Chromium ou Chrome : make test CHROMIUM=/chemin/du/navigateur "
    "CHROMEDRIVER=/chemin/du/pilote."
)
MISSING_NPM = (
    "Les tests d'accessibilité ont besoin d'axe-core, installé avec npm dans "
    "tests/browser/node_modules, mais npm est introuvable. Installez Node.js et npm :\n"
    "    sudo apt-get install npm\n"
    "puis relancez « make test »."
)
NPM_FAILED = (
    "L'installation d'axe-core avec npm a échoué (npm install --no-save {package}, "
    "dans tests/browser) :\n{output}\n"
    "Vérifiez l'accès au registre npm, puis relancez « make test »."
)


def _fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


# --------------------------------------------------------------------------
# the ``browser`` marker
# --------------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of tests/browser, before ``-m`` selects the tests to run.

    (A conftest's hook sees the items of the whole session: only those under
    this directory are marked.)
    """
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------
# the handbook, built and served
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(real_handbook) -> Path:
    """The real handbook, built strictly once per session (tests/conftest.py)."""
    return real_handbook.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """Root URL of the built handbook, served on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="handbook-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# --------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------


def require_chromium() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        _fail(MISSING_CHROMIUM.format(missing=", ".join(missing)))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium with a fresh profile, 1280 × 900, driven by Selenium."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Explicit paths below already keep Selenium Manager out; this makes sure
    # it would not go online if some code path still called it.
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(30)
        yield driver
    finally:
        driver.quit()


# --------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------


def install_axe() -> None:
    npm = shutil.which("npm")
    if npm is None:
        _fail(MISSING_NPM)
    result = subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(BROWSER_DIR),
            AXE_PACKAGE,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not AXE_JS.is_file():
        output = (result.stdout + result.stderr).strip()
        _fail(NPM_FAILED.format(package=AXE_PACKAGE, output=output))


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Source of axe.min.js (installed with npm when missing)."""
    if not AXE_JS.is_file():
        install_axe()
    return AXE_JS.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# axe-core's undecided results, reported at the end of the run
# --------------------------------------------------------------------------


@dataclass
class AxeLog:
    """The axe-core audits run, and the ``incomplete`` results they met."""

    audits: int = 0
    #: one line per rule and page: allowed ones say why, the others fail their test
    incomplete: list[str] = field(default_factory=list)


_AXE_LOG = pytest.StashKey[AxeLog]()


@pytest.fixture(scope="session")
def axe_log(pytestconfig: pytest.Config) -> AxeLog:
    return pytestconfig.stash.setdefault(_AXE_LOG, AxeLog())


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    log = config.stash.get(_AXE_LOG, None)
    if log is None or not log.audits:
        return
    terminalreporter.section("axe-core : résultats non tranchés (incomplete)")
    if not log.incomplete:
        terminalreporter.write_line(f"aucun, sur {log.audits} audit(s) WCAG 2.1 A/AA")
        return
    terminalreporter.write_line(
        f"{len(log.incomplete)} résultat(s) sur {log.audits} audit(s) WCAG 2.1 A/AA :"
    )
    for line in log.incomplete:
        terminalreporter.write_line(line)
