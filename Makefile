# The library CMS. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# `make run` serves the reference front end (docs/client/) here, reading the site's API.
CLIENT_PORT ?= 8001
# The audit serves its own copy of the demo site here, away from `make run`'s port.
AUDIT_PORT ?= 8050
PYTEST_ARGS ?=
# The suite runs in two processes (pytest-xdist), one test file at a time each, so a file's
# shared fixtures (the bench data set) are built once; pytest-randomly shuffles the order.
PYTEST_WORKERS ?= 2
BENCH_ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help run test audit bench wrk java node postgres-server redis-server nginx mariadb-server gettext messages lint format install install-dev browser-tools chromium migrate demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# The site's own translations (locale/, the admin's Russian): compiled here, never committed.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

gettext: ## Install Debian's gettext (msgfmt compiles the translations) when it is missing
	@command -v msgfmt >/dev/null 2>&1 || { \
		echo "Installing Debian's gettext for the translations"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }

locale/%.mo: locale/%.po | gettext
	msgfmt --check -o $@ $<

messages: $(MESSAGES) ## Compile the translations in locale/ (.po → .mo)

install: $(VENV)/.installed messages ## Create the virtualenv, install the site's packages, compile the translations

install-dev: $(VENV)/.installed-dev messages ## Install the site's packages and the test tools, compile the translations

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(BIN)/python manage.py load_demo_content --port $(PORT)

# The site, the background worker with its schedule and the reference front end (Procfile),
# all stopped by one Ctrl-C. The front end's origin may call the API (CORS, added to any the
# environment gives); it is told where the API is by `?api=` in the printed address.
CLIENT_URL = http://$(HOST):$(CLIENT_PORT)/?api=http://$(HOST):$(PORT)/api/v2/
run: demo ## Install, migrate, load demo content, serve the site on :8000, the worker and the front end on :8001
	@echo "Site:  http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Reference front end (docs/client/): $(CLIENT_URL)"
	SITE_HOST=$(HOST) SITE_PORT=$(PORT) CLIENT_PORT=$(CLIENT_PORT) WAGTAILAPI_BASE_URL=http://$(HOST):$(PORT) \
		CORS_ALLOWED_ORIGINS="$${CORS_ALLOWED_ORIGINS:+$$CORS_ALLOWED_ORIGINS,}http://$(HOST):$(CLIENT_PORT)" \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho -f Procfile start

node_modules/.installed: package.json package-lock.json | node
	npm ci --silent --no-audit --no-fund
	touch $@

browser-tools: chromium node_modules/.installed ## Chromium and axe-core for the browser tests

chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

java:
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

# Lighthouse and the Nu HTML checker: the audit's own npm packages, apart from the tests' axe-core.
tooling/audit/node_modules/.installed: tooling/audit/package.json tooling/audit/package-lock.json | node
	cd tooling/audit && npm ci --silent --no-audit --no-fund
	touch $@

audit: install-dev browser-tools java tooling/audit/node_modules/.installed ## Lighthouse, axe and HTML validation of the demo site → docs/quality.md
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py audit_site --port $(AUDIT_PORT)

wrk: ## Install Debian's wrk (the benchmark's load generator) when it is missing
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: install wrk ## Load the site with wrk under gunicorn (cached, uncached, signed in, after a publish) against a bare Django ceiling → docs/performance.md
	$(BIN)/python manage.py bench $(BENCH_ARGS)

lint: install-dev ## ruff and Django's checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# One pass, in a new random order each run (pytest-randomly prints "Using --randomly-seed=N"
# at the top; `make test PYTEST_ARGS=--randomly-seed=N` runs that order again). Like any
# failure, pytest's exit 5 (no test collected) fails the target.
test: install-dev browser-tools postgres-server redis-server nginx mariadb-server lint ## Lint, then run the whole test suite
	@$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || { \
		status=$$?; [ $$status -ne 5 ] || echo "pytest collected no tests"; exit $$status; }

# The database-restart test starts a PostgreSQL cluster of its own from these binaries.
postgres-server: ## Install Debian's PostgreSQL server binaries when they are missing
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { \
		echo "Installing Debian's postgresql for the database-restart test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

# `manage.py import_joomla` loads the old site's dump into a MariaDB of its own (its tests too).
mariadb-server: ## Install Debian's MariaDB server binaries when they are missing
	@command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || { \
		echo "Installing Debian's mariadb-server for the old site's import"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null; }

# The rate-limit tests start a private redis-server (tests/redis_stand_in.py).
redis-server: ## Install Debian's redis-server when it is missing
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "Installing Debian's redis-server for the rate-limit tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

# The proxy test runs deploy/nginx/kemrsl.conf, brotli included, in front of gunicorn.
nginx: ## Install Debian's nginx and its brotli module when they are missing
	@ls /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so >/dev/null 2>&1 || { \
		echo "Installing Debian's nginx for the proxy test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
			libnginx-mod-http-brotli-filter >/dev/null; }

node: ## Install Debian's Node.js and npm (axe-core for the browser tests) when npm is missing
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing Debian's nodejs and npm for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

clean: ## Remove the virtualenv, the dev database and media
	rm -rf $(VENV) var media static_collected test-artifacts node_modules tooling/audit/node_modules
	rm -f $(MESSAGES)
