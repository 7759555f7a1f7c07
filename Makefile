# policygraph — the two commands a fresh machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
GRAPH  := build/policygraph.db
HOST   ?= 127.0.0.1
PORT   ?= 8000
PACKAGES := api cli evaluation graph loaders
SOURCES  := $(PACKAGES) tests bench scripts

.PHONY: install run test lint bench quality clean

# The virtualenv is rebuilt when pyproject.toml changes.
$(BIN)/policygraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

install: $(BIN)/policygraph

$(GRAPH): $(BIN)/policygraph $(wildcard data/plans/* data/vocab/* data/regions/* loaders/*.py graph/*.py graph/*/*.py graph/sql/*.sql graph/sql/*/*.sql cli/*.py)
	$(BIN)/policygraph build data/plans --out $@

## run: build the graph from data/ (when it changed) and serve the API on the embedded store
## (make run PORT=8080 HOST=0.0.0.0 to listen elsewhere)
run: $(GRAPH)
	POLICYGRAPH_GRAPH_FILE=$(GRAPH) POLICYGRAPH_STORE=embedded $(BIN)/policygraph serve --host $(HOST) --port $(PORT)

## test: lint, then the whole test suite with the extraction quality report
test: install lint
	scripts/install-browser-deps || [ "$$CI" != true ]
	scripts/install-document-deps || [ "$$CI" != true ]
	$(BIN)/python -m pytest

## lint: ruff (lint and format) and mypy --strict on the packages
lint: install
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy --strict $(PACKAGES)

## quality: precision and recall against the gold annotations, per plan
quality: install
	$(BIN)/policygraph evaluate

## bench: build throughput in characters per second on one core
bench: install
	$(BIN)/python bench/build_throughput.py

## clean: remove the built graph, test artifacts, the virtualenv and caches (data/ stays)
clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
