# Everything a fresh machine needs, from python3, make and apt alone.
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
DB      ?= data/backtrack.duckdb
PORT    ?= 8501

.PHONY: run test demo bench lint format chromium clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p data
	BACKTRACK_DB=$(DB) $(VENV)/bin/streamlit run app.py --server.port $(PORT)

demo: $(STAMP)
	mkdir -p data
	$(PY) -m rehab_core demo --db $(DB)

# Debian's chromium for the browser tests; Playwright's own download does not work here.
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo apt-get update && sudo apt-get install -y chromium; \
	else echo "chromium is missing and cannot be installed without root: browser tests will be skipped"; fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: $(STAMP) chromium lint
	$(PY) -m pytest -q

bench: $(STAMP) chromium
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/artifacts
