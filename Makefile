# The commands a newcomer needs. `make demo` sets everything up and runs the whole
# pipeline on generated data; `make test` runs the whole test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint up down status setup lock docs clean bench

# npm ci: the tests' browser tools (axe-core, pinned in package-lock.json) into node_modules/.
$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	./scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/hornsten demo

# Two workers (pytest-xdist), a test module each at a time: module fixtures build once,
# and each worker has its own PostgreSQL, Airflow home and copy of dbt_project/.
test: lint
	$(BIN)/pytest -n 2 --dist loadfile

# Part of `make test`: Python style and lint, the package's architecture, the SQL.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

up: $(STAMP)
	$(BIN)/hornsten up

down:
	$(BIN)/hornsten down

status:
	$(BIN)/hornsten status

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py

# Regenerate the resolved lock from the pins in pyproject.toml.
lock:
	rm -rf /tmp/hornsten-lock && $(PYTHON) -m venv /tmp/hornsten-lock
	/tmp/hornsten-lock/bin/pip install --quiet --upgrade pip
	/tmp/hornsten-lock/bin/pip install --quiet '.[dev]'
	/tmp/hornsten-lock/bin/pip freeze --exclude hornsten > constraints.txt

clean: down
	rm -rf .hornsten dbt_project/target
