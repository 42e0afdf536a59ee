# The two commands of the README's quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app parent_app
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install bench lint migrate-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## make run: install, create/upgrade the database, load areas and the starter catalogue,
## then serve the API on http://127.0.0.1:5000 with the nudge scheduler beside it.
run: install
	$(FLASK) db upgrade
	$(FLASK) areas load
	$(FLASK) milestones load
	$(FLASK) content load-catalogue
	$(BIN)/python -m parent_app.devserver

## make test: install with the dev extra, check the import layers (pyproject.toml,
## [tool.importlinter]), then run the whole suite (SQLite, and the database in
## TEST_DATABASE_URL when it is set).
test: install
	$(BIN)/lint-imports
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	rm -rf $(VENV) instance .pytest_cache
