# The README's two commands: `make run` and `make test`. Both set everything up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run test corpus fuzz crash bench bench-quick bench-country bench-provinces install install-dev postgres chromium openapi lint screenshots simulate

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/collectonce demo ensure
	$(BIN)/collectonce serve

# PostgreSQL half of the store tests: start the local server if it is installed but stopped.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (command -v pg_ctlcluster >/dev/null && pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start) || \
	  echo "PostgreSQL is not reachable and could not be started: the PostgreSQL half of the store tests will be SKIPPED"

# Browser half of the web tests: Debian's chromium (Playwright's own browser download is never used).
# A Chinese font too, so pages and the README's form screenshots show Chinese text.
chromium:
	@test -x /usr/bin/chromium || { command -v apt-get >/dev/null && (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium unavailable: browser tests will be skipped"; }
	@fc-list 2>/dev/null | grep -qi wqy || { command -v apt-get >/dev/null && apt-get install -y -qq fonts-wqy-microhei >/dev/null; } || echo "no Chinese font: screenshots will show boxes"

# One worker per core (at most 4), a test file to a worker: each worker has its own DuckDB file and
# PostgreSQL schema, and a file's tests share what they build once (the metamorphic probes' readings).
test: install-dev postgres chromium
	COLLECTONCE_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile

# The larger forms of the security proofs, figures printed: schemathesis with many examples per
# operation, role and mode on both stores, the access matrix, and a 50 MB all-bad import.
fuzz: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) COLLECTONCE_FUZZ_EXAMPLES=$${COLLECTONCE_FUZZ_EXAMPLES:-25} COLLECTONCE_LARGE=1 \
	  $(BIN)/pytest -q -s tests/security/test_fuzz.py tests/security/test_access_matrix.py tests/security/test_large.py

# The larger reliability proofs, figures printed: the concurrency model check with 16 clients, and
# crash trials (the server killed during a large import, an issue to every school and a burst of
# submissions, then restarted and checked) on both stores.
crash: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) COLLECTONCE_MODEL_CLIENTS=$${COLLECTONCE_MODEL_CLIENTS:-16} \
	  COLLECTONCE_MODEL_OPS=$${COLLECTONCE_MODEL_OPS:-40} COLLECTONCE_CRASH_TRIALS=$${COLLECTONCE_CRASH_TRIALS:-3} \
	  COLLECTONCE_CRASH_SCHOOLS=$${COLLECTONCE_CRASH_SCHOOLS:-600} \
	  $(BIN)/pytest -q -s tests/reliability

# The whole corpus of department forms read on both stores (make test reads a quarter): precision and
# recall of each part and each blind round. COLLECTONCE_CORPUS_BARS=1 asserts the held-out bars too.
corpus: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) COLLECTONCE_CORPUS_ALL=1 $(BIN)/pytest -q -s -o addopts= -p no:cacheprovider \
	  tests/domain/test_corpus.py -k reads_department_forms

bench: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) $(BIN)/python -m bench

# The same benchmarks and figures at a small size (a couple of minutes), for CI.
bench-quick: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) BENCH_SCHOOLS=$${BENCH_SCHOOLS:-300} BENCH_TEACHERS=$${BENCH_TEACHERS:-10000} \
	  BENCH_LIVE_REQUESTS=$${BENCH_LIVE_REQUESTS:-100} BENCH_ANALYSIS_RUNS=$${BENCH_ANALYSIS_RUNS:-20} \
	  BENCH_SUBMIT_SCHOOLS=$${BENCH_SUBMIT_SCHOOLS:-200} BENCH_SUBMIT_SECONDS=$${BENCH_SUBMIT_SECONDS:-60} \
	  $(BIN)/python -m bench

# A year of departments' collections replayed over the demo province (200 schools): the burden
# report (Markdown, SVG charts, JSON) in data/simulation. SCHOOLS=2000 for a larger province.
simulate: install
	$(BIN)/collectonce simulate --year 2026 --seed $${SEED:-1} --schools $${SCHOOLS:-200} --out data/simulation

# A country on PostgreSQL (COUNTRY_SCHOOLS, COUNTRY_TEACHERS: 500,000 and 18,000,000 by default):
# generated a province at a time, loaded through the import, issued to, answered; figures printed.
bench-country: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) $(BIN)/python -m bench.country

# The country's load a province at a time: the first PROVINCES (2) provinces of 600,000 teachers into an
# empty database, each beside a bare COPY of its teachers file (COUNTRY_WORKERS=1: one at a time).
bench-provinces: install-dev postgres
	COLLECTONCE_TEST_PG_URL=$(PG_URL) $(BIN)/python -m bench.country provinces $${PROVINCES:-2}

openapi: install
	$(BIN)/collectonce openapi

lint: install-dev
	$(BIN)/ruff check service connectors tests bench
	$(BIN)/mypy

# The README's screenshots, taken by the browser tests into docs/screenshots.
screenshots: install-dev postgres chromium
	COLLECTONCE_SCREENSHOTS=$(CURDIR)/docs/screenshots COLLECTONCE_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -q tests/web -k duckdb
