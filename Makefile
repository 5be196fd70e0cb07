# Regie: the two set-up commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REGIE := $(BIN)/regie
PG_URL ?= postgres://postgres@127.0.0.1:5432/regie
HOST ?= 127.0.0.1:8000

.PHONY: run test lint typecheck test-sqlite test-postgres test-browser bench loadtest code clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

var:
	mkdir -p var

## make run: install, migrate, build the demo region and serve http://127.0.0.1:8000, with the
## task worker (`regie db_worker`) beside it; Ctrl+C stops both
run: $(VENV)/.installed | var
	DEBUG=true REGIE_DEMO=true $(REGIE) migrate --no-input
	DEBUG=true REGIE_DEMO=true $(REGIE) demo --address $(HOST)
	@echo ""
	@echo "Regie draait op http://$(HOST), met de taakverwerker  (stoppen: Ctrl+C)"
	DEBUG=true REGIE_DEMO=true $(REGIE) db_worker --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true REGIE_DEMO=true $(REGIE) runserver $(HOST)

## make code U=regisseur: the current TOTP code of a demo account
code: $(VENV)/.installed
	@DEBUG=true REGIE_DEMO=true $(REGIE) demo_code $(U)

## make test: lint, types, unit tests on SQLite and PostgreSQL, browser tests
test: lint typecheck test-sqlite test-postgres test-browser

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check regie bench loadtest scripts
	$(BIN)/ruff format --check regie bench loadtest scripts

typecheck: $(VENV)/.installed-dev
	REGIE_TESTING=true DEBUG=true $(BIN)/mypy regie bench loadtest scripts

test-sqlite: $(VENV)/.installed-dev
	REGIE_TESTING=true DEBUG=true $(BIN)/python -m scripts.pytest_strict -m "not browser" -q

test-postgres: $(VENV)/.installed-dev
	@if $(BIN)/python scripts/pg_available.py "$(PG_URL)"; then \
	  REGIE_TESTING=true DEBUG=true DATABASE_URL="$(PG_URL)" $(BIN)/python -m scripts.pytest_strict -m "not browser" -q; \
	elif [ -n "$$REGIE_REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL op $(PG_URL) is niet bereikbaar en REGIE_REQUIRE_POSTGRES is gezet." >&2; exit 1; \
	else echo "PostgreSQL niet bereikbaar: PostgreSQL-tests overgeslagen."; fi

test-browser: $(VENV)/.installed-dev
	@if $(BIN)/python scripts/pg_available.py "$(PG_URL)"; then \
	  REGIE_TESTING=true DEBUG=true DATABASE_URL="$(PG_URL)" $(BIN)/python -m scripts.pytest_strict -m browser -q; \
	else REGIE_TESTING=true DEBUG=true $(BIN)/python -m scripts.pytest_strict -m browser -q; fi

## make bench: the benchmark suite (never part of the tests); BENCH_SCALE=national for 50,000
## persons, BENCH_DB=sqlite|postgres|both (default both)
bench: $(VENV)/.installed-dev
	DEBUG=true $(BIN)/python -m bench --db $(or $(BENCH_DB),both)

## make loadtest: 50 simulated users against gunicorn (2 workers) on 127.0.0.1, 60 s
loadtest: $(VENV)/.installed-dev
	$(BIN)/python -m loadtest --db $(or $(LOADTEST_DB),sqlite)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
