# policygraph — the two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GRAPH  := build/policygraph.json

.PHONY: install run test lint bench quality clean

# The virtualenv is rebuilt when pyproject.toml changes.
$(BIN)/policygraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

install: $(BIN)/policygraph

$(GRAPH): $(BIN)/policygraph $(wildcard data/plans/* data/vocab/* data/regions/* loaders/*.py graph/*.py)
	$(BIN)/policygraph build data/plans --out $@

## run: build the graph from data/ (when it changed) and serve the API on the embedded store
run: $(GRAPH)
	POLICYGRAPH_GRAPH_FILE=$(GRAPH) POLICYGRAPH_STORE=embedded $(BIN)/policygraph serve --host 127.0.0.1 --port 8000

## test: the whole test suite, with the extraction quality report
test: install
	scripts/install-browser-deps || [ "$$CI" != true ]
	scripts/install-document-deps || [ "$$CI" != true ]
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check api cli evaluation graph loaders tests bench scripts

## quality: precision and recall against the gold annotations, per plan
quality: install
	$(BIN)/policygraph evaluate

## bench: build throughput in characters per second on one core
bench: install
	$(BIN)/python bench/build_throughput.py

clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache
