# Hearth: the two commands in the README are `make run` and `make test`.
# Everything they need is set up here, from nothing but Python 3.11 and make.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check-system migrate demo compose-check clean bench-pdf bench bench-load screenshots backup restore

help:
	@echo "make run    - set up, load the demo and serve http://127.0.0.1:8000"
	@echo "make test   - set up and run the whole test suite"
	@echo "make lint   - ruff checks and formatting"
	@echo "make bench-pdf - time the meeting pack against WeasyPrint alone, and one Celery worker against two"
	@echo "make bench  - generate a provider at a tenth and at full size (40 homes, 5 years) and time every page"
	@echo "make bench-load - 50 simulated staff for two minutes against gunicorn and PostgreSQL"
	@echo "make screenshots - each role's dashboard and a child's page at iPad size, into docs/screenshots/"
	@echo "make backup  - database, files and a SHA-256 manifest into var/backups/ (or BACKUP=dir)"
	@echo "make restore BACKUP=dir - bring a backup back into an empty database and file store"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Hearth needs Python 3.11: set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

# Hearth is an application, not a library: install the dependencies pyproject.toml declares.
$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python scripts/requirements.py dev > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements.txt
	@touch $@

install: $(INSTALLED)

# WeasyPrint needs Pango and a font with Arabic (DejaVu Sans); the browser journeys need
# Chromium; PDF checks use pdftotext.
check-system: install
	@missing=""; \
	$(BIN)/python -c 'import weasyprint' 2>/dev/null || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	fc-list :lang=ar 2>/dev/null | grep -q . || missing="$$missing fontconfig fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Missing system packages:$$missing"; \
	  echo "Install them with: sudo apt-get install$$missing"; exit 1; \
	fi; \
	if ! command -v chromium >/dev/null; then \
	  echo "Note: Chromium is not installed (sudo apt-get install chromium): the browser journeys will be skipped."; \
	fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# The server with a Celery worker and beat beside it, on a broker in var/broker that needs no
# server (or Redis with REDIS_URL): builds never run inside a request (scripts/run_dev.py).
run: demo
	$(BIN)/python scripts/run_dev.py 8000

test: check-system
	$(BIN)/python -m pytest -n auto --dist loadgroup --durations=25

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Not a test: builds a throwaway database (DATABASE_URL's server, or SQLite under var/bench),
# times the review PDFs and prints a table. See "Benchmarks" in README.md.
bench-pdf: check-system
	$(BIN)/python scripts/bench_pdf.py $(BENCH_ARGS)

# Not a test: throwaway PostgreSQL databases on DATABASE_URL's server (default
# postgres://postgres@127.0.0.1:5432/hearth_perf), a provider generated at two sizes, every main page
# timed for every role. Fails if a page's query count differs between the sizes. See "Benchmarks".
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Not a test: 50 simulated staff for two minutes against gunicorn on a database `make bench`
# kept (BENCH_ARGS=--keep); throughput, p95 and errors (there must be none).
bench-load: install
	$(BIN)/python scripts/bench_load.py $(BENCH_LOAD_ARGS)

# Validates the file's structure and interpolation (no Docker engine needed, none runs here).
compose-check:
	SECRET_KEY=compose-check HEARTH_DOMAIN=hearth.example.org docker-compose -f docker-compose.yml config --quiet

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache

# Not a test: a throwaway demo under var/screenshots, served and photographed at iPad size in
# Chromium, each role's dashboard and a child's page into docs/screenshots/ (see its README).
screenshots: check-system
	$(BIN)/python scripts/screenshots.py $(SCREENSHOT_ARGS)

# A consistent copy of the database (pg_dump, or SQLite's backup API), the file store and a manifest
# with each file's SHA-256 (records/backup.py). BACKUP=dir chooses where; it must not exist yet.
backup: install
	$(BIN)/python manage.py backup $(BACKUP)

# Into an EMPTY database (DATABASE_URL) and file store only, after checking every hash.
restore: install
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/hearth-..."; exit 1; }
	$(BIN)/python manage.py restore $(BACKUP)
