# danvan: two commands. `make run` sets up and serves the product on SQLite with demo data;
# `make test` sets up and runs the whole suite.
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: run serve-prod test setup setup-deps lint format messages clean

$(PY):
	@command -v pyenv >/dev/null 2>&1 && pyenv install --skip-existing $(PYTHON_VERSION) >/dev/null 2>&1 || true
	python3 -c 'import sys; assert sys.version_info >= (3, 12), "danvan needs Python >= 3.12 (see .python-version)"'
	python3 -m venv $(VENV)

$(STAMP): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup-deps: $(STAMP)

setup: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable

# The web server, the task worker (sends the SMS and e-mails the pages queue) and the periodic
# jobs (clock scan, notification sweep), together; Ctrl-C stops them all.
run: setup
	$(PY) manage.py load_territory
	$(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py run_stack --port $(PORT)

# The production topology on this machine: PostgreSQL (DATABASE_URL), gunicorn, Redis cache,
# the task worker and the periodic jobs, with DEBUG=0 (see bin/serve-prod; DEMO=1 adds demo data).
serve-prod: setup-deps
	PORT=$(PORT) $(PY) bin/serve-prod

test: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages:
	cd danvan && ../$(PY) ../manage.py makemessages -l en --no-obsolete

clean:
	rm -rf $(VENV) var
