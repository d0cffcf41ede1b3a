# `make run`: set up everything, then run the pipeline on the bundled example.
# `make test`: set up everything, then run the whole test suite.
# Both are idempotent: set-up is skipped when nothing it depends on changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := $(wildcard docs/examples/*.md)

.PHONY: run test bench setup system-packages clean

run: setup
	$(BIN)/release-pipeline run $(EXAMPLES)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m benchmarks

setup: system-packages $(STAMP)

system-packages:
	@scripts/install-system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .work outputs/*/
