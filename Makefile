# gigmarket — `make run` and `make test` are all a newcomer needs (Python 3.11+ only).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000
# Test workers: pytest-xdist, one per core.
WORKERS ?= auto

.PHONY: install run migrate messages makemessages test test-fast lint format bench clean deploy-check

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) scripts/compilemessages.py

migrate: install
	$(PY) manage.py migrate --noinput

run: messages migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py queue_info
	@echo "→ http://$(HOST)/"
	$(PY) manage.py runserver $(HOST)

test: messages
	$(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

test-fast: messages
	$(PY) -m pytest -n $(WORKERS) -m "not browser" $(PYTEST_ARGS)

# Production readiness: compile the catalogues, then Django's deploy checks under production
# settings (which refuse to load without a real secret, hosts, field key, Redis cache and .mo files).
deploy-check: messages
	DJANGO_SETTINGS_MODULE=gigmarket.settings.production $(PY) manage.py check --deploy --fail-level WARNING

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new source strings into each app's catalogue (needs GNU gettext).
makemessages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=stations --ignore=seekers --ignore=jobs --ignore=training --ignore=rights --ignore=reports
	for app in stations seekers jobs training rights reports; do (cd $$app && ../$(PY) ../manage.py makemessages -l zh_Hans); done

clean:
	rm -rf $(VENV) staticfiles .test_media
