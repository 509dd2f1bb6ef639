# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install lint format translations messages lock check-deploy worker beat clean

run: install translations  ## Install, migrate, load demo data and serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_data
	$(PY) manage.py runserver 127.0.0.1:8000

test: install translations lint  ## Install, lint and run the whole suite
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is broken"; exit 1; fi; \
	exit $$status

install: $(STAMP)

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
