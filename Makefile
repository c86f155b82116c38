# The two commands of the README: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test bench data shapes docs clean

run: $(VENV)/.installed
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

test: $(VENV)/.installed-test
	$(PY) -m pytest

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

clean:
	rm -rf $(VENV) .pytest_cache
