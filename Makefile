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
	@if $(BIN)/python scripts/postgres_url.py > /dev/null; then \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	else \
		echo "PostgreSQL: no server answers and DATABASE_URL is not set; SQLite run only."; \
		$(MAKE) --no-print-directory test-sqlite; \
	fi

test-sqlite: $(STAMP)
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@echo "== Test suite on PostgreSQL"
	DATABASE_URL="$$($(BIN)/python scripts/postgres_url.py)" $(BIN)/pytest $(PYTEST_ARGS)

## Benchmarks on PostgreSQL, full geography and 100,000 resources (database rc_bench).
BENCH_URL ?= postgres://postgres@127.0.0.1:5432/rc_bench
bench: $(STAMP)
	$(BIN)/python scripts/create_database.py "$(BENCH_URL)"
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) migrate --noinput -v 0
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) import_territories
	@if [ "$$(DATABASE_URL="$(BENCH_URL)" $(MANAGE) shell -c 'from partnerships.models import Resource; print(Resource.objects.filter(slug__startswith="bench-").count())')" -lt 100000 ]; then \
		DATABASE_URL="$(BENCH_URL)" $(MANAGE) generate_bench_data; \
		psql "$(BENCH_URL)" -c "VACUUM ANALYZE"; \
	fi
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) bench_territories
	DATABASE_URL="$(BENCH_URL)" $(MANAGE) bench_search

## Translations: refresh locale/en from the code (needs GNU gettext's xgettext), then
## compile the .mo files (standard library only; the .mo files are committed).
messages: $(STAMP)
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=build --ignore=staticfiles \
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
