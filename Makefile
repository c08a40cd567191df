# Two commands set up a fresh machine:
#   make serve   build the data package and the site from the sources, serve on http://127.0.0.1:8000/
#   make test    install everything (Python packages, Debian's Chromium and CJK fonts) and run every test
# Both create .venv/ on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test check lint format readme site build validate bench system-deps node-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Chromium for the browser tests and Noto CJK so that screenshots show Chinese (site visitors use their own fonts).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# axe-core for the accessibility test, at the versions package-lock.json pins.
# axe-core for the accessibility tests, from package-lock.json.
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

serve: $(STAMP)
	$(BIN)/stcatalog serve

site: $(STAMP)
	$(BIN)/stcatalog site

build: $(STAMP)
	$(BIN)/stcatalog build

validate: $(STAMP)
	$(BIN)/stcatalog validate

# Lint, type-check, validate the data, then every test (browser and slow ones included).
test: $(STAMP) system-deps node-deps lint
	$(BIN)/stcatalog validate
	$(BIN)/python -m pytest

# The fast tests only (no browser, no site or package builds): the quick loop while editing.
check: $(STAMP) lint
	$(BIN)/python -m pytest -q -m "not browser and not slow"

lint: $(STAMP)
	$(BIN)/ruff check scripts tests docs/hooks
	$(BIN)/ruff format --check scripts tests docs/hooks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix scripts tests docs/hooks
	$(BIN)/ruff format scripts tests docs/hooks

# Regenerate the README's command reference from --help (a test fails when it is stale).
readme: $(STAMP)
	$(BIN)/python scripts/tools/cli_reference.py --write

bench: $(STAMP)
	$(BIN)/python scripts/bench/run.py

clean:
	rm -rf build site .pytest_cache node_modules
