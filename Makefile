# Set-up and everyday commands. Each target installs what it needs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install browser graphviz virtuoso clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/cyberkg demo

# Debian's Chromium for the tests of HTML pages (as root, or through sudo where there is one).
browser:
	@test -x /usr/bin/chromium || { SUDO=$$(command -v sudo || true); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 chromium; }

# Debian's Graphviz, so that the tests draw an exported DOT file with plain `dot`.
graphviz:
	@test -x /usr/bin/dot || { SUDO=$$(command -v sudo || true); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 graphviz; }


# Debian's Virtuoso Open Source 7 for the tests that compare the stores (the tests start and stop it themselves).
virtuoso:
	@test -x /usr/bin/virtuoso-t || { SUDO=$$(command -v sudo || true); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 \
	    --no-install-recommends virtuoso-opensource-7; }

test: $(STAMP) browser graphviz virtuoso
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cyberkg tests scripts
	$(BIN)/ruff format --check cyberkg tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy cyberkg

lint: $(STAMP)
	$(BIN)/ruff check cyberkg tests scripts
	$(BIN)/ruff format --check cyberkg tests scripts
	$(BIN)/mypy cyberkg

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
