# Set-up and everyday commands. Each target installs what it needs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/cyberkg demo

test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cyberkg tests scripts
	$(BIN)/lint-imports

lint: $(STAMP)
	$(BIN)/ruff check cyberkg tests scripts

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
