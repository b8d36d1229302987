# diplodb — run `make help` for the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.DEFAULT_GOAL := help
.PHONY: help install up down status test seed-check docs export example bench mutate clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(BIN)/diplodb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,analysis]'
	@touch $@

install: $(BIN)/diplodb ## create .venv and install diplodb with its test tools

up: install ## start the embedded PostgreSQL, migrate, seed, print the analyst URL
	$(BIN)/diplodb up

down: install ## stop the embedded PostgreSQL
	$(BIN)/diplodb down

status: install ## server, revision and row counts
	$(BIN)/diplodb status

test: install ## run the whole test suite (embedded server, or TEST_DATABASE_URL)
	$(BIN)/pytest

seed-check: install ## validate the seed files without a database
	$(BIN)/diplodb seed --check

docs: install ## regenerate docs/data-dictionary.md from the live catalog
	$(BIN)/diplodb docs

export: up ## write the analytics views to export/ (datapackage.json, CSV, Parquet)
	$(BIN)/diplodb export export --overwrite

example: up ## export, then the Python analysis in examples/ (writes examples/output/*.png)
	$(BIN)/diplodb export examples/output/data --overwrite
	$(BIN)/python examples/analysis.py examples/output/data examples/output

bench: install ## print timings: fresh environment, seeding at x1 (BENCH_X1000=1: and x1000), queries; drafting quality
	$(BIN)/python -m benchmarks.fresh_env
	$(BIN)/python -m benchmarks.seeding
	$(BIN)/python -m benchmarks.scale
	$(BIN)/python -m benchmarks.queries
	$(BIN)/python -m benchmarks.drafting

mutate: install ## mutation testing (slow, not in CI): plant bugs, print the ones the tests miss
	$(BIN)/pip install --quiet -e '.[test,analysis,mutate]'
	$(BIN)/python -m benchmarks.mutate

clean: ## stop the server and remove .venv and .diplodb
	-$(BIN)/diplodb down
	rm -rf $(VENV) .diplodb .mutmut-cache
