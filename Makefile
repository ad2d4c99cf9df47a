# Pressroom: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# The demo settings (pressroom/settings/demo.py) with DEBUG off, to show the site as the public
# sees it; a local secret, made once and kept out of git.
DEMO_ENV = DJANGO_SETTINGS_MODULE=pressroom.settings.demo SECRET_KEY="$$(cat var/secret_key)" DEBUG=false

.PHONY: help install run demo import test lint format chromium gettext redis bench bench-proxy bench-inprocess bench-import bench-faults wrk haproxy screenshots clean

help:
	@echo "make run     - install, migrate, load the demo data and serve on http://$(HOST)"
	@echo "make test    - run the whole test suite, browser tests included"
	@echo "make import PATHS=...  - import press releases (files or folders) into the demo"
	@echo "make lint    - ruff check and ruff format --check"
	@echo "make format  - ruff format and ruff check --fix"
	@echo "make bench   - the public pages under load (gunicorn, wrk) at 1,000 and 100,000 releases on PostgreSQL"
	@echo "               (BENCH_ARGS=--million: and 1,000,000; DATABASE_URL: a database it may drop, default $(BENCH_DATABASE_URL))"
	@echo "make bench-proxy  - the same pages through haproxy to 2 gunicorn processes (the same 2 workers in all), cache in Redis"
	@echo "make bench-inprocess  - the importer and the pages through Django's test client, 250 and 2,500 releases"
	@echo "make bench-import  - import speed: text, .docx, .pdf documents/s; 10,000 text documents in < 2 min"
	@echo "make bench-faults DATABASE_URL=postgres://...  - load-test while releases change and the database drops connections"
	@echo "make clean   - remove the virtualenv, the demo database and collected static files"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo: install var/secret_key
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEMO_ENV) $(BIN)/python manage.py load_demo --i-know  # its logins' passwords are public

# Import press releases into the demo database: make import PATHS="folder/ other.txt"
import: install var/secret_key
	$(DEMO_ENV) $(BIN)/python manage.py import_releases $(PATHS)

run: demo
	@echo "Serving on http://$(HOST)/ (Ctrl-C to stop)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST)

# What the tests need from Debian where it is missing: installed when we may (root), else said.
# $(call debian,command,package,what needs it)
debian = @command -v $(1) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's $(2) for $(3)..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(3) need $(2): sudo apt-get install $(2)"; exit 1; \
	  fi; }

# Browser tests drive Debian's chromium (or set CHROMIUM_PATH to another binary).
chromium:
	$(call debian,chromium,chromium,the browser tests)

# The catalogue test extracts the project's strings with GNU gettext (xgettext, msgmerge).
gettext:
	$(call debian,xgettext,gettext,the translation tests)

# The page cache's tests run on Redis too: Debian's redis-server, started where none answers.
redis:
	$(call debian,redis-server,redis-server,the cache tests)
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { \
	  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no >/dev/null; \
	  for _ in 1 2 3 4 5 6 7 8 9 10; do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done; }

test: install chromium gettext redis
	env -u DATABASE_URL $(BIN)/python manage.py makemigrations --check --dry-run --settings=pressroom.settings.test
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Load wrk drives the pages with, from Debian.
wrk:
	$(call debian,wrk,wrk,the load benchmarks)

# The proxy the several-servers benchmark drives, from Debian.
haproxy:
	$(call debian,haproxy,haproxy,the several-servers benchmark)

# The public pages under load, with the page cache off and on, at 1,000 and 100,000 releases
# (BENCH_ARGS=--million: and 1,000,000; "--help" for options). Drops and re-creates a PostgreSQL
# database a size, DATABASE_URL's name (default BENCH_DATABASE_URL) with the size added (kept with
# BENCH_ARGS="--million --keep"); it refuses a name without "bench".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/pressroom_bench
bench: install wrk
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(BIN)/python bench/archive.py $(BENCH_ARGS)

# As bench, through haproxy to 2 gunicorn processes of 1 sync worker each (the same 2 workers
# in all), the page cache in Redis (db 15 unless BENCH_ARGS="--redis URL"): what a proxy costs.
bench-proxy: install wrk haproxy redis
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(BIN)/python bench/archive.py --servers 2 $(BENCH_ARGS)

# In process, through Django's test client: SQLite, or PostgreSQL when DATABASE_URL is set.
bench-inprocess: install
	$(BIN)/python bench/run.py

# SQLite, then PostgreSQL when DATABASE_URL names a database whose name has "bench" in it (it drops
# and re-creates it); exits 1 if 10,000 documents take 2 minutes or more. BENCH_ARGS="--help" for options.
bench-import: install
	$(BIN)/python bench/importing.py $(BENCH_ARGS)

# Also drops and re-creates its database; exits 1 if a criterion fails (bench/faults.py says which).
bench-faults: install
	@command -v wrk >/dev/null 2>&1 || { echo "bench-faults needs wrk: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/faults.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
