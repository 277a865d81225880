# The portal's tasks. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium nginx libnginx-mod-http-brotli-static redis-server rsync
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_COUNT ?= 5000

.PHONY: setup run build check serve test test-fast lint bench bench-counters clean

setup: $(VENV)/.installed node_modules/.installed .system-packages

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the tests need; installed once, only when missing.
.system-packages: Makefile
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
	touch $@

build: $(VENV)/.installed
	$(BIN)/portal build

check: $(VENV)/.installed
	$(BIN)/portal check

serve: $(VENV)/.installed
	$(BIN)/portal serve --host $(HOST) --port $(PORT)

run: setup build serve

lint: $(VENV)/.installed
	$(BIN)/ruff check plugins scripts tests pelicanconf.py publishconf.py

test: setup lint
	node --test tests/js
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The quick part, while working: no browser, no service, nothing slow.
test-fast: setup lint
	node --test tests/js
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow and not browser and not service"

bench: setup
	PYTHONPATH=scripts $(BIN)/python -m portal_bench.build_bench --count $(BENCH_COUNT)

bench-counters: setup
	PYTHONPATH=scripts $(BIN)/python -m portal_bench.counter_bench

clean:
	rm -rf output tests/.artifacts
