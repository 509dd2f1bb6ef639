# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-instants install checks-install lint format translations messages lock check-deploy worker beat clean drill-outage bench

# `make run PORT=8001` serves elsewhere; links in printed messages follow (SITE_URL's default).
PORT ?= 8000

run: install translations  ## Install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	PORT=$(PORT) $(PY) manage.py migrate --no-input
	PORT=$(PORT) $(PY) manage.py demo_data
	PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The awkward moments, Europe/London: a Wednesday before the drop-in, a Sunday night, the
# first 01:30 of the night the clocks go back and the second one an hour later, the last half
# hour of a year, and a leap day. Tests marked `instants` run at each, besides the default.
INSTANTS := 2026-11-18T09:00,2026-11-22T23:30,2026-10-25T01:30+01:00,2026-10-25T01:30+00:00,2026-12-31T23:30,2028-02-29T10:00
# Two workers, each with its own test database and Redis databases (tests/settings.py).
WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(WORKERS) --dist loadgroup --tb=native

# pytest's exit 5 means it collected no tests: the suite is broken, not green.
define pytest_run
	$(1); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is broken"; exit 1; fi; \
	exit $$status
endef

test: install checks-install translations lint  ## Install, lint and run the whole suite, the time-sensitive tests at every instant
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(call pytest_run,$(PYTEST) --instants=$(INSTANTS))

test-instants: install translations  ## Only the time-sensitive tests, at the default instant and every one above
	$(call pytest_run,$(PYTEST) -m instants --instants=$(INSTANTS))

install: $(STAMP)

# What the browser tests take from the npm registry (axe-core); `make run` does not need it.
NODE_STAMP := node_modules/.installed-stamp
checks-install: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint constraints.txt --editable '.[dev]'
	touch $(STAMP)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

translations: install  ## Compile the catalogs under locale/ (no GNU gettext needed)
	$(PY) manage.py compile_translations

messages: install  ## Refresh the catalogs from the source (needs GNU gettext)
	$(PY) manage.py makemessages --all --no-location --ignore '.venv/*' --ignore 'tests/*'
	$(PY) manage.py makemessages --all --no-location --domain djangojs --ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*'
	$(PY) scripts/keep_library_strings.py

drill-outage: install translations  ## Production mode under load while Redis stops for a minute: 5xx, lost or doubled messages
	$(PY) scripts/outage_drill.py

# `make bench BENCH_ARGS="--seconds 10 --clients 40"`; scripts/bench/bench.py --help lists them.
BENCH_ARGS ?=
bench: install translations  ## Production mode under gunicorn driven by wrk: pages against a bare view, bookings, scheduled work
	command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
	$(PY) scripts/bench/bench.py $(BENCH_ARGS)

lock: install  ## Re-pin every dependency after changing pyproject.toml
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt

check-deploy: install  ## The production system check, with a throwaway secret
	SANCTUARY_PRODUCTION=true SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=sanctuary.example.org SITE_URL=https://sanctuary.example.org \
	DATABASE_URL=postgres://sanctuary@localhost/sanctuary REDIS_URL=redis://localhost:6379/0 \
	EMAIL_URL=smtp+tls://localhost:587 $(PY) manage.py check --deploy --fail-level WARNING

worker: install
	$(VENV)/bin/celery -A sanctuary worker --loglevel INFO

beat: install
	$(VENV)/bin/celery -A sanctuary beat --loglevel INFO

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
