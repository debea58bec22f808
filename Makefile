# The verbs people use. Everything a target needs, it installs first.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: help run dev test lint format fixtures check-deploy bench audit browser-deps server-deps lock clean

## help: list the verbs
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

# A checkout is a development machine: a git-ignored .env turns DEBUG on for manage.py here.
# Production sets its variables in the environment, where DEBUG is off unless said otherwise.
.env:
	printf '%s\n' '# Local development settings, written by make (git ignores this file). See .env.example.' 'DEBUG=true' > $@

# This machine's own secret key for make run, made once (git ignores it).
.secret-key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# make run: the production stack (DEBUG off, gunicorn, WhiteNoise) over plain http on 127.0.0.1 only, with a
# file cache its worker processes share and uploads served from media/.
LOCAL_RUN = DEBUG=false LOOPBACK_HTTP=true ALLOWED_HOSTS=127.0.0.1,localhost SECRET_KEY=$$(cat .secret-key) \
  CACHE_URL=filecache://$(CURDIR)/.cache/site

# Installs exactly what the lock files name, every package checked against its hash.
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

## run: install, migrate, load the seed content (keeping editors' changes), serve the production stack on 127.0.0.1:$(PORT)
run: $(VENV)/.runtime .env .secret-key
	$(LOCAL_RUN) $(MANAGE) migrate --no-input
	$(LOCAL_RUN) $(MANAGE) collectstatic --no-input --verbosity 0
	$(LOCAL_RUN) $(MANAGE) load_content
	$(LOCAL_RUN) $(MANAGE) ensure_local_admin
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(LOCAL_RUN) GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py

## dev: Django's autoreloading development server with DEBUG on, on 127.0.0.1:$(PORT)
dev: $(VENV)/.runtime .env
	DEBUG=true $(MANAGE) migrate --no-input
	DEBUG=true $(MANAGE) load_content
	DEBUG=true $(MANAGE) ensure_local_admin
	DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

## fixtures: reload the seed content: untouched records updated, editors' changes and deletions kept and listed
fixtures: $(VENV)/.runtime .env
	$(MANAGE) migrate --no-input
	$(MANAGE) load_content

## browser-deps: Debian's Chromium, Java and npm, and the pinned checkers from npm (axe-core, vnu-jar, Lighthouse)
browser-deps:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' for the browser tests"; fi; }
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "Java is missing: run 'sudo apt-get install default-jre-headless' for the HTML checker"; fi; }
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "npm is missing: run 'sudo apt-get install nodejs npm' for the browser tests"; fi; }
	@# --ignore-scripts: vnu-jar's install script would fetch a Java of its own; Debian's is used instead.
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/vnu-jar/build/dist/vnu.jar -a -x node_modules/.bin/lighthouse \
	  || npm ci --no-audit --no-fund --silent --ignore-scripts

## server-deps: Debian's nginx and openssl (deploy/ is checked with them), wrk and redis-server (make bench)
server-deps:
	@for tool in /usr/sbin/nginx:nginx /usr/bin/wrk:wrk /usr/bin/openssl:openssl /usr/bin/redis-server:redis-server; do \
	  test -x $${tool%%:*} && continue; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $${tool##*:} >/dev/null; \
	  else echo "$${tool##*:} is missing: run 'sudo apt-get install $${tool##*:}'"; fi; done

## test: the whole suite (unit, integration, deployment and browser tests)
test: $(VENV)/.dev .env browser-deps server-deps
	$(VENV)/bin/pytest

## lint: ruff checks and formatting check
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## format: fix what ruff can and format the code
format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## check-deploy: Django's deployment checklist with production-like settings
check-deploy: $(VENV)/.runtime
	DEBUG=false SECRET_KEY=$$($(PY) -c "import secrets; print(secrets.token_urlsafe(50))") \
	  $(MANAGE) check --deploy --fail-level WARNING

## bench: gunicorn + wrk at 10,000 articles: speed ratios, latency, budgets and a 60 s load test; writes bench/RESULTS.md
bench: $(VENV)/.runtime server-deps
	$(PY) bench/run.py
	$(PY) bench/transfer.py

## audit: the accessibility tests and Lighthouse on the seed content; records audit/results.json for the statement
audit: $(VENV)/.dev .env browser-deps
	$(PY) audit/run.py

## lock: recompile the lock files (requirements*.txt, with hashes) from requirements*.in
lock: $(VENV)/.dev
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links -o requirements-dev.txt requirements.in requirements-dev.in

## clean: remove the virtualenv, installed browser-test tools and caches
clean:
	rm -rf $(VENV) node_modules staticfiles .cache bench/work .pytest_cache .ruff_cache .hypothesis
