# Skillgrid: `make run` starts the dashboard on the demo data; `make test` runs lint and every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= data/skillgrid.duckdb
PORT ?= 8501

.PHONY: run test lint demo bench browser clean

run: $(VENV)/.installed $(DB)
	UPSKILL_DB=$(DB) $(PY) -m dashboard.serve --server.port $(PORT) --server.headless true

test: $(VENV)/.dev-installed browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

demo: $(VENV)/.installed
	$(PY) -m etl demo --db $(DB) --replace

bench: $(VENV)/.dev-installed
	$(PY) -m benchmarks.run

$(DB): | $(VENV)/.installed
	$(PY) -m etl demo --db $(DB)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $(VENV)/.installed $@

# The real-browser test drives Debian's Chromium (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
		echo "Installing Chromium for the browser test (Debian package)"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
