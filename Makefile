# The verbs people use. Everything a target needs, it installs first.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Local runs are development runs unless the environment says otherwise.
LOCAL := DEBUG=$${DEBUG:-true}

.PHONY: run test lint format fixtures check-deploy bench browser-deps clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, migrate, load the seed content (only into an empty site) and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.runtime
	$(LOCAL) $(MANAGE) migrate --no-input
	$(LOCAL) $(MANAGE) load_content
	$(LOCAL) $(MANAGE) createinitialrevisions --comment "Seed content" >/dev/null
	@if [ "$${DEBUG:-true}" = "true" ]; then $(LOCAL) $(MANAGE) ensure_local_admin; fi
	$(LOCAL) $(MANAGE) runserver 127.0.0.1:$(PORT)

## fixtures: load every fixture (updates seed records in place; never duplicates)
fixtures: $(VENV)/.runtime
	$(LOCAL) $(MANAGE) migrate --no-input
	$(LOCAL) $(MANAGE) load_content --force

## browser-deps: Debian's Chromium and axe-core for the browser tests
browser-deps:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests"; fi; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

## test: the whole suite (unit, integration and browser tests)
test: $(VENV)/.dev browser-deps
	$(VENV)/bin/pytest

## lint: ruff checks and formatting check
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## check-deploy: Django's deployment checklist with production-like settings
check-deploy: $(VENV)/.runtime
	DEBUG=false SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
	  $(MANAGE) check --deploy --fail-level WARNING

## bench: page budgets (stylesheet, JavaScript, queries, page weight) and speed ratios
bench: $(VENV)/.runtime
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
