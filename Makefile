# Alur — two commands on a fresh machine: `make run` and `make test`.
# `make setup` is what both build on: idempotent and quiet when there is nothing to do.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ALUR   := $(BIN)/alur
HOST   ?= 127.0.0.1
PORT   ?= 5000
PG_TEST_URL ?= postgresql+psycopg://127.0.0.1:5432/test
# A developer's machine: without ALUR_SECRET_KEY a random key is made once and kept in
# instance/secret_key (production refuses to start without a real key).
DEV    := ALUR_DEVELOPMENT=1
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --all-build-deps \
  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS)

.PHONY: setup lock wheel deploy-deps run test test-sqlite test-postgres lint bench screenshots browser-deps bench-deps system-deps clean

TRANSLATIONS := $(wildcard webui/translations/*/LC_MESSAGES/messages.po)

setup: $(VENV)/.installed system-deps webui/static/vendor/.installed webui/translations/.compiled
	@$(DEV) $(ALUR) db upgrade --quiet

webui/translations/.compiled: $(TRANSLATIONS) | $(VENV)/.installed
	@mkdir -p webui/translations
	@if [ -n "$(TRANSLATIONS)" ]; then \
	  $(BIN)/pybabel compile -d webui/translations > $(VENV)/babel.log 2>&1 \
	  || { cat $(VENV)/babel.log; exit 1; }; fi
	@touch $@

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)

# Exactly the versions (and file hashes) in the lock, then Alur itself without touching them.
# --no-deps: the lock already holds the whole closure, so pip has nothing to resolve (pip 23's
# resolver fetched a newer release for an extra, fonttools[woff], and refused it for having no
# hash in the lock); `pip check` below proves nothing is missing.
$(VENV)/.installed: pyproject.toml requirements-test.lock | $(BIN)/python
	@echo "Installing Python packages into $(VENV) from requirements-test.lock ..."
	@{ $(PIP) --no-deps --require-hashes -r requirements-test.lock \
	  && $(PIP) --no-deps --no-build-isolation -e . ; } \
	  > $(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@$(BIN)/python -m pip check > $(VENV)/pip.log 2>&1 || { grep -v '^WARNING' $(VENV)/pip.log; \
	  echo "pyproject.toml needs packages requirements-test.lock lacks: run 'make lock'"; exit 1; }
	@touch $@

# Regenerate the locks from pyproject.toml after a dependency changes: pins already in the lock
# are kept; `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed versions.
lock: | $(BIN)/python
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check 'pip-tools>=7.4'
	@$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	@$(BIN)/pip-compile $(LOCK_FLAGS) --extra test -c requirements.lock \
	  -o requirements-test.lock pyproject.toml
	@echo "requirements.lock and requirements-test.lock regenerated; commit both."

# The wheel a server installs: diagrams, forms, compiled translations and browser libraries in.
wheel: $(VENV)/.installed webui/static/vendor/.installed webui/translations/.compiled
	@rm -rf build dist
	@$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .
	@ls dist/*.whl

node_modules/.installed: package.json package-lock.json
	@echo "Installing browser libraries from npm ..."
	@npm ci --silent --no-audit --no-fund
	@touch $@

webui/static/vendor/.installed: node_modules/.installed webui/vendor.txt
	@$(BIN)/python -m webui.vendor node_modules webui/static/vendor
	@touch $@

run: setup
	@$(DEV) $(ALUR) demo --if-empty
	@$(DEV) $(ALUR) serve --host $(HOST) --port $(PORT) --with-worker

# WeasyPrint (PDF reports) needs Pango from Debian; install it when missing and we are root.
system-deps: $(VENV)/.installed
	@$(BIN)/python -c "import weasyprint" >/dev/null 2>&1 || scripts/debian-install.sh \
	  "Pango for PDF reports" libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

browser-deps:
	@command -v chromium >/dev/null 2>&1 || scripts/debian-install.sh \
	  "Debian's chromium for the browser tests (skipped without it)" chromium

# nginx for the test of the shipped sites' static-file caching (skipped without it).
deploy-deps:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || scripts/debian-install.sh \
	  "nginx for the static-file caching test (skipped without it)" nginx-light

test: setup browser-deps deploy-deps lint test-sqlite test-postgres

lint:
	@out=$$($(BIN)/lint-imports --no-cache 2>&1) || { echo "$$out"; exit 1; }
	@$(BIN)/ruff check --quiet engine forms webui tests scripts $(wildcard bench)
	@out=$$($(BIN)/mypy 2>&1) || { echo "$$out"; exit 1; }

test-sqlite:
	@echo "== test suite on SQLite =="
	@$(BIN)/pytest -q

test-postgres:
	@echo "== test suite on PostgreSQL ($(PG_TEST_URL)) =="
	@ALUR_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -q

bench-deps:
	@command -v wrk >/dev/null 2>&1 || scripts/debian-install.sh \
	  "Debian's wrk for the HTTP benchmark" wrk

bench: setup bench-deps
	@$(BIN)/python bench/engine.py --quick
	@$(BIN)/python bench/queries.py --quick
	@$(BIN)/python bench/timers.py --quick
	@$(BIN)/python bench/http_load.py --quick
	@$(BIN)/python bench/pages.py --quick
	@$(BIN)/python bench/pg_writes.py --quick
	@$(BIN)/python bench/suggest.py --quick

screenshots: setup browser-deps
	@$(BIN)/pytest -q -m browser tests/docs/test_screenshots.py --screenshots docs/img

clean:
	rm -rf $(VENV) node_modules webui/static/vendor instance
