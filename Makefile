# The README's two commands: `make run` and `make test`.
# Each creates its own virtual environment from pyproject.toml on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run test test-sqlite test-postgres lint format bench install clean messages weights

$(STAMP): pyproject.toml
	$(PYTHON) scripts/check_python.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Quick start: SQLite, demo data, a local admin account, served on $(HOST).
run: $(STAMP)
	$(BIN)/python scripts/compile_messages.py
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo
	$(MANAGE) ensure_local_admin
	$(MANAGE) runserver $(HOST)

## The whole suite: SQLite always; PostgreSQL when DATABASE_URL is set or a local server answers.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/compile_messages.py --check
	$(MANAGE) makemigrations --check --dry-run -v 0
	@# Both databases at once (two cores); each run's output is printed whole when it ends.
	@# A DATABASE_URL naming a PostgreSQL server that does not answer is an error.
	@status=0; $(BIN)/python scripts/postgres_url.py > /dev/null || status=$$?; \
	if [ $$status -eq 0 ]; then \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	elif [ $$status -eq 1 ]; then \
		echo "PostgreSQL: no local server answers and DATABASE_URL names none; SQLite run only."; \
		$(MAKE) --no-print-directory test-sqlite; \
	else \
		exit $$status; \
	fi

test-sqlite: $(STAMP)
	@echo "== Test suite on SQLite"
	@# Named explicitly: a DATABASE_URL in a local .env must not turn this run into a second
	@# PostgreSQL run (the test database itself is in memory).
	DATABASE_URL="sqlite:///$(CURDIR)/db.sqlite3" $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@echo "== Test suite on PostgreSQL"
	DATABASE_URL="$$($(BIN)/python scripts/postgres_url.py)" $(BIN)/pytest $(PYTEST_ARGS)

## Benchmarks on PostgreSQL, full geography and 100,000 resources (database rc_bench).
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/rc_bench
bench: $(STAMP)
	$(BIN)/python scripts/create_database.py "$(BENCH_URL)"
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) migrate --noinput -v 0
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) import_territories
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) generate_bench_data --if-missing
	psql "$(BENCH_URL)" -c "VACUUM ANALYZE"
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) bench_territories
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) bench_search

## Translations: refresh locale/en, and locale/fr for its plural forms (fill new plural
## entries there), from the code (needs GNU gettext's xgettext), then compile the .mo
## files (standard library only; the .mo files are committed).
messages: $(STAMP)
	$(MANAGE) makemessages -l en -l fr --ignore=.venv --ignore=build --ignore=staticfiles \
		--ignore=tests --ignore=scripts --ignore="partnerships/migrations/*"
	$(BIN)/python scripts/compile_messages.py

## HTML weight of the results pages and compressed size of the site's CSS + JS (demo data).
weights: $(STAMP)
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo > /dev/null
	$(BIN)/python scripts/page_weights.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache
