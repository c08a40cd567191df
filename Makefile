# Two commands set up a fresh machine:
#   make serve   build the data package and the site from the sources, serve on http://127.0.0.1:8000/
#   make test    install everything (Python packages, Debian's Chromium and CJK fonts) and run every test
# Both create .venv/ on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test site build validate bench system-deps node-deps clean

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
node-deps:
	npm ci --no-audit --no-fund --silent

serve: $(STAMP)
	$(BIN)/stcatalog serve

site: $(STAMP)
	$(BIN)/stcatalog site

build: $(STAMP)
	$(BIN)/stcatalog build

validate: $(STAMP)
	$(BIN)/stcatalog validate

test: $(STAMP) system-deps node-deps
	$(BIN)/stcatalog validate
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench/run.py

clean:
	rm -rf build site .pytest_cache node_modules
