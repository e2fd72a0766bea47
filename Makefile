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

.DEFAULT_GOAL := help
.PHONY: help html test test-long serve linkcheck linkcheck-internal import check eval bench epub clean distclean

help: ## Affiche cette aide
	@echo "Cibles disponibles (chacune installe d'abord ce qu'il faut dans $(VENV)/) :"
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -x $(VENV_PYTHON) || $(PYTHON) -m venv $(VENV)
	$(VENV_PYTHON) -m pip install --disable-pip-version-check -e '.[test,serve]'
	touch $@

html: $(STAMP) ## Construit le manuel HTML dans docs/_build/html (strict)
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/html

test: $(STAMP) ## Vérifie les pages (make check) puis lance les tests (pytest)
	$(HANDBOOK) check
	$(VENV_PYTHON) -m pytest

test-long: $(STAMP) ## Tests de propriétés plus longs (plus d'exemples hypothesis, plus de constructions hostiles)
	HYPOTHESIS_PROFILE=long HOSTILE_BUILDS=8 $(VENV_PYTHON) -m pytest tests/test_noloss_property.py tests/test_escape.py tests/test_hostile.py

serve: $(STAMP) ## Sert le manuel sur http://127.0.0.1:8000 et le reconstruit à chaque modification
	$(SPHINXAUTOBUILD) $(SPHINXOPTS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/html

linkcheck: $(STAMP) ## Vérifie les liens externes (réseau nécessaire, hors « make test »)
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) $(DOCS) $(BUILDDIR)/linkcheck

import: $(STAMP) ## Convertit les sources brutes (sources/) en pages du manuel
	$(HANDBOOK) import

CHECKFORMAT ?= text
check: $(STAMP) ## Vérifie les pages, le glossaire, les thèmes et la synchro avec sources/
	$(HANDBOOK) check --format $(CHECKFORMAT)

linkcheck-internal: ## Vérifie les liens internes du manuel construit (hors ligne ; après make html)
	$(VENV_PYTHON) tools/check_links.py $(BUILDDIR)/html

eval: $(STAMP) ## Mesure la segmentation et le classement sur le corpus réel (précision, rappel)
	$(VENV_PYTHON) tools/evaluate.py

bench: ## Mesures de performance (à venir)
	@echo "Les mesures de performance ne sont pas encore disponibles : elles arriveront plus tard."

# The doctrees must live outside the EPUB output directory, otherwise the
# EPUB builder tries to package them (and warns, which fails the build).
epub: $(STAMP) ## Construit le manuel au format EPUB dans docs/_build/epub (strict)
	$(SPHINXBUILD) -b epub $(SPHINXOPTS) $(SPHINXJOBS) $(SPHINXEXTRA) -d $(BUILDDIR)/doctrees-epub $(DOCS) $(BUILDDIR)/epub

clean: ## Supprime les fichiers construits et les caches (garde .venv/)
	rm -rf $(BUILDDIR) build dist .pytest_cache .hypothesis .mypy_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +

distclean: clean ## Comme « clean », et supprime aussi .venv/
	rm -rf $(VENV)
