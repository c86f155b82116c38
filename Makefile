# The two commands of the README: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench data shapes docs messages screenshot clean

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

# The browser tests (tests/e2e) drive Debian's Chromium; installed here when missing (CI runs as root on Debian).
# If it cannot be installed, the suite still runs and the browser tests fail, saying why.
# The store tests (tests/test_store.py) also run on a throwaway PostgreSQL server: Debian's postgresql is
# installed here when missing; if it cannot be, those tests fail, saying why.
# The accessibility tests (tests/e2e/test_accessibility.py) inject axe-core, installed from npm into .cache/axe.
# The brief's PDF test reads the PDF's text with pdftotext (Debian's poppler-utils), installed the same way.
# The round trip through LibreOffice (tests/test_round_trip.py) uses Debian's libreoffice-calc-nogui (no GUI).
test: $(VENV)/.installed-test
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "make test: could not install Debian's chromium; the browser tests (tests/e2e) will fail" >&2
	@command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
		|| echo "make test: could not install PostgreSQL; the store tests on PostgreSQL (tests/test_store.py) will fail" >&2
	@command -v pdftotext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) \
		|| echo "make test: could not install poppler-utils; the brief's PDF test (tests/test_brief.py) will fail" >&2
	@command -v soffice >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends libreoffice-calc-nogui) \
		|| echo "make test: could not install LibreOffice Calc; the round trip (tests/test_round_trip.py) will fail" >&2
	@test -f .cache/axe/node_modules/axe-core/axe.min.js || npm install --no-save --silent --prefix .cache/axe axe-core@4 \
		|| echo "make test: could not install axe-core (npm); the accessibility tests (tests/e2e) will fail" >&2
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest

# Style (ruff: pyflakes, pycodestyle, isort, bugbear, pyupgrade; formatted) and the stages' import directions
# (import-linter, contracts in pyproject.toml; docs/architecture.md). Part of `make test`.
LINTED := gcmdash pages app.py tests bench scripts
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/lint-imports --no-cache

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Regenerate the derived files (all committed): bundled data, country shapes, data-format description.
data: $(VENV)/.installed
	$(PY) scripts/generate_data.py

shapes: $(VENV)/.installed
	$(PY) scripts/build_shapes.py

docs: $(VENV)/.installed
	$(VENV)/bin/gcmdash docs --out docs/data-format.md

# The translation catalogues (docs/translation.md): every word for people in the code and the templates extracted
# into gcmdash/locales/gcmdash.pot, then merged into each language's .po (new entries empty, changed ones fuzzy).
LANGS := fr es ru ar zh
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k counted:2,3 -c Translators: --add-location=file \
		--sort-by-file --no-wrap --project=gcmdash -o gcmdash/locales/gcmdash.pot .
	@for lang in $(LANGS); do $(VENV)/bin/pybabel -q update -i gcmdash/locales/gcmdash.pot -d gcmdash/locales \
		-D gcmdash -l $$lang --init-missing --no-wrap --ignore-pot-creation-date; done

# The README's picture (docs/screenshot-overview.png) from the current app: Overview, UNECE, light theme, 1400 px wide.
# Needs Debian's chromium and playwright (the test extra).
screenshot: $(VENV)/.installed-test
	$(PY) scripts/screenshot.py --readme

# Benchmarks (bench/, docs/scaling.md): generated data cached under /tmp/gcmdash-bench; prints a table and writes
# bench/results.md. About 20 minutes on 2 cores; cold start and many viewers need Debian's chromium.
bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "make bench: could not install Debian's chromium; the cold start and viewer parts will fail" >&2
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache
