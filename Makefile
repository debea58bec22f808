# The verbs people use. Everything a target needs, it installs first.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test lint format fixtures check-deploy bench browser-deps clean

# A checkout is a development machine: a git-ignored .env turns DEBUG on for manage.py here.
# Production sets its variables in the environment, where DEBUG is off unless said otherwise.
.env:
	printf '%s\n' '# Local development settings, written by make (git ignores this file). See .env.example.' 'DEBUG=true' > $@

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: install, migrate, load the seed content (only into an empty site) and serve on 127.0.0.1:$(PORT)
run: $(VENV)/.runtime .env
	$(MANAGE) migrate --no-input
	$(MANAGE) load_content
	$(MANAGE) createinitialrevisions --comment "Seed content" >/dev/null
	$(MANAGE) ensure_local_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## fixtures: load every fixture (updates seed records in place; never duplicates)
fixtures: $(VENV)/.runtime .env
	$(MANAGE) migrate --no-input
	$(MANAGE) load_content --force

## browser-deps: Debian's Chromium and axe-core for the browser tests
browser-deps:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests"; fi; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

## test: the whole suite (unit, integration and browser tests)
test: $(VENV)/.dev .env browser-deps
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
